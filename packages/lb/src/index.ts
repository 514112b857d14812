export * from './errors';
export * from './nft';
export * from './render';
export * from './select';
export * from './types';
export * from './conntrack';
