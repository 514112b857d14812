export * from './errors';
export * from './loader';
export * from './schema';
export * from './takeover';
