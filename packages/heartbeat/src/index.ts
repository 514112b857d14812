export * from './backoff';
export * from './beat';
export * from './errors';
export * from './mesh';
export * from './peer-table';
export * from './service';
export * from './suspicion';
export * from './tls';
export { MAX_MESSAGE_BYTES, MAX_QUEUED_BEATS, serverOptions } from './wire';
