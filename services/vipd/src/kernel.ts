/** The kernel side of a VIP as the controller sees it; the daemon adapts netif + announce to it. */
import type { VipSpec } from '@vipd/store';

export interface LinkState {
  ready: boolean;
  /** Why not ready, for logs and the node's unready list. */
  reason?: string;
}

/**
 * Something of vipd's in the kernel other than an address: a route or rule of vipd's protocol, or
 * a virtual-MAC macvlan. At start, before any VIP is taken, every one is an earlier run's.
 */
export interface Leftover {
  kind: 'route' | 'rule' | 'virtual MAC';
  /** How it reads in logs: `ip`'s words. */
  text: string;
  /** Removes it (through the kernel agent); true when it was there. */
  remove(): Promise<boolean>;
}

export interface Kernel {
  link(ifname: string): Promise<LinkState>;
  /**
   * Adds the address, or refreshes its lifetime when present. `revision`: the fencing revision
   * it is held under (BGP mode derives the route's MED from it; the address itself ignores it).
   */
  addVip(ifname: string, spec: VipSpec, lifetimeSec: number, revision?: string): Promise<void>;
  /**
   * Resets the lifetime of many held addresses at once (the caller holds their locks while it
   * calls). Queues every refresh before it returns: a later change of one of the addresses is
   * ordered after its refresh, or (a removal) supersedes it, so the caller may release the locks
   * at once. Resolves with those that failed (a superseded one did not fail).
   */
  refreshVips<T extends { ifname: string; spec: VipSpec }>(
    entries: readonly T[],
    lifetimeSec: number,
  ): Promise<(T & { message: string })[]>;
  /**
   * For the next `forMs` the kernel pushes the lifetime of every address it added forward by
   * itself, while its dead-man's deadline (guard) holds too: true when it does (refreshVips after
   * a renewal is then not needed), false when it cannot (an older kernel agent). Said after every
   * renewal, with the window that renewal allows (LifetimeRefresher).
   */
  keepLifetimes?(lifetimeSec: number, forMs: number): boolean;
  /** Removes it; true when it was present. */
  removeVip(ifname: string, spec: VipSpec): Promise<boolean>;
  /** Sends `count` announcements `intervalMs` apart; resolves with the number sent. */
  announce(
    ifname: string,
    spec: VipSpec,
    count: number,
    intervalMs: number,
    signal: AbortSignal,
  ): Promise<number>;
  /** Every address carrying our mark, on any interface. */
  listOwned(): Promise<{ ifname: string; address: string; prefixLen: number; family: 4 | 6 }[]>;
  /**
   * Every route and rule of vipd's protocol and every virtual-MAC macvlan (name and MAC both
   * vipd's), on any interface. Optional: a kernel without them has none to leave.
   */
  listLeftovers?(): Promise<Leftover[]>;
  /**
   * Dead-man's switch: unless guard() is called again within `budgetMs`, or if this process
   * dies, every VIP address added through addVip is removed by the kernel agent, a separate
   * process; changes sent before that fence are refused after it.
   */
  guard(budgetMs: number): void;
  /**
   * Before adding a VIP taken from a silent holder: the MACs other than ours that answer ARP/NDP
   * for it now ([]: free on the wire). Requests made close together share one probe per
   * interface and family, so a takeover of hundreds of VIPs costs one short wait, not hundreds.
   */
  probeBeforeAdd(ifname: string, spec: VipSpec): Promise<string[]>;
  /** MACs other than ours that answer ARP/NDP for the VIP on that interface. */
  probeOwners(ifname: string, spec: VipSpec, timeoutMs: number): Promise<string[]>;
  /**
   * The kernel agent's next fence SIGKILLs this process first (BGP mode: the gobgpd vipd
   * started); kept across an agent restart. Absent on kernels without an agent.
   */
  killOnFence?(pid: number): Promise<void>;
  /** Resolves true once the agent that changes addresses is ready, false if it could not start. */
  ready(): Promise<boolean>;
  /** Stops the agent (after the daemon removed its addresses itself). */
  close(): Promise<void>;
}
