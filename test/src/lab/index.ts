export * from './topology';
export * from './lab';
export * from './pinger';
export * from './client-follows';
export * from './address-sampler';
export * from './address-timeline';
export * from './etcd-cluster';
