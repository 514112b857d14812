// @vipd/netif: the kernel side of a VIP (addresses with lifetime and ownership mark, link state),
// read through iproute2's `ip -json` (argument arrays, the caller's network namespace) and changed
// through the kernel agent (vipd-agent, rtnetlink batches, the fence).
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
  removeAddress,
  removeOwnedAddresses,
  type OwnedRemoval,
} from './addresses';
export {
  InterfaceNotFoundError,
  InvalidArgumentError,
  KernelRefusedError,
  AgentFencedError,
  AgentGoneError,
  AgentNotBuiltError,
  IpOutputParseError,
  NetifError,
  type NetifErrorContext,
} from './errors';
export {
  DEFAULT_AGENT_BINARY,
  KernelAgent,
  type AgentExit,
  type AgentFence,
  type KeptLifetimes,
  type KernelAgentOptions,
} from './kernel-agent';
export { type NetifOptions } from './ip-runner';
export { vmacAddress, vmacName, vmacSpec, type VmacSpec } from './vmac';
export {
  describeRoute,
  describeRule,
  routeArgs,
  ruleArgs,
  type RouteSpec,
  type RuleSpec,
} from './route-args';
export { getLink, listLinks } from './links';
export {
  parseAddresses,
  parseLinks,
  type AddressInfo,
  type Family,
  type Lifetime,
  type LinkInfo,
} from './parse';
export {
  listOwnedRoutes,
  listOwnedRules,
  listVmacLinks,
  parseOwnedRoutes,
  parseOwnedRules,
  parseVmacLinks,
  removeOwnedRouting,
  removeVmacLinks,
  type LeftoverRemoval,
  type VmacLink,
} from './leftovers';
