export * from './alive';
export * from './beat-key';
export * from './bulk-txn';
export * from './errors';
export * from './etcd-client';
export * from './keys';
export * from './leadership';
export * from './leadership-bulk';
export * from './node-session';
export * from './prefix-mirror';
export * from './ranking';
export * from './records';
export * from './spec-watcher';
export * from './vip-spec';
export type { Etcd3 as EtcdClient } from 'etcd3';
// services/vipd imports these from here still; they are @vipd/log's. Drop them once it imports
// them from @vipd/log.
export { type Clock, errorLine as describe, monotonicClock } from '@vipd/log';
