export * from './errors';
export * from './etcd-client';
export * from './fields';
export * from './layered';
export * from './loader';
export * from './schema';
export * from './secrets';
export * from './takeover';
