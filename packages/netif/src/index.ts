// @vipd/netif: the kernel side of a VIP (addresses with lifetime and ownership mark, link state),
// through iproute2's `ip -json`, run with an argument array in the caller's network namespace.
export {
  VIPD_ADDR_METRIC,
  VIPD_ADDR_PROTO,
  VIP_LABEL_SUFFIX,
  defaultLabel,
  isOwned,
  type AddressKey,
  type AddressSpec,
} from './address-args';
export {
  addOrRefreshAddress,
  findAddress,
  listAddresses,
  listOwnedAddresses,
  refreshAddresses,
  removeAddress,
  removeOwnedAddresses,
  type OwnedRemoval,
} from './addresses';
export {
  InterfaceNotFoundError,
  InvalidArgumentError,
  IpHelperKilledError,
  IpOutputParseError,
  NetifError,
  type NetifErrorContext,
} from './errors';
export {
  DEFAULT_FENCE_BINARY,
  FenceBinaryNotBuiltError,
  FenceSwitch,
  type FenceEvent,
  type FenceExit,
  type FenceLogger,
  type FenceSwitchOptions,
} from './fence-switch';
export { IpBatcher } from './ip-batcher';
export { IpCoprocess, type IpCoprocessOptions } from './ip-coprocess';
export { type NetifOptions } from './ip-runner';
export { getLink, listLinks } from './links';
export {
  parseAddresses,
  parseLinks,
  type AddressInfo,
  type Family,
  type Lifetime,
  type LinkInfo,
} from './parse';
