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
// @vipd/log's, not the store's: test/src/faults/clock.test.ts still imports it from here. Drop
// it once that file imports it from @vipd/log.
export { monotonicClock } from '@vipd/log';
