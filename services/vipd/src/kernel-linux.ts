/** The Kernel the daemon uses on a real host: netif for addresses and links, announce for ARP/NA. */
import { Announcer, probeOwners } from '@vipd/announce';
import type { Logger } from '@vipd/log';
import {
  addOrRefreshAddress,
  defaultLabel,
  FenceSwitch,
  getLink,
  IpBatcher,
  listOwnedAddresses,
  refreshAddresses,
  removeAddress,
} from '@vipd/netif';
import type { VipSpec } from '@vipd/store';
import type { Kernel, LinkState } from './kernel';

const LINK_CACHE_MS = 1000;

export function createLinuxKernel(log: Logger, opts: { onSwitchLost?: () => void } = {}): Kernel {
  const announcer = new Announcer({ logger: log });
  // Adds, refreshes and removes of all VIPs go through one long-lived `ip` (see IpBatcher). The
  // fence switch knows its pid: a fence kills it first, so nothing queued there runs afterwards.
  let helper: number | undefined;
  const ipOptions = {
    batch: new IpBatcher({
      onProcess: (pid) => {
        helper = pid;
        fence.guardHelper(pid);
      },
      // The switch learns of an address before ip can add it (track() lines are coalesced).
      beforeWrite: () => fence.flush(),
    }),
  };
  let fence = startSwitch();
  function startSwitch(): FenceSwitch {
    const f = new FenceSwitch({ logger: log.child({ component: 'fence' }), stderr: 'logger' });
    if (helper !== undefined) f.guardHelper(helper);
    f.on('unexpectedExit', () => {
      log.error({}, 'fence switch died: VIPs are unguarded; dropping them and restarting it');
      fence = startSwitch();
      opts.onSwitchLost?.();
    });
    return f;
  }
  // Index and MAC of an interface for frames: asked of `ip` at most once a second per interface
  // (hundreds of VIPs announce and probe on the same one), and again at once after a failure.
  const links = new Map<string, { at: number; link: ReturnType<typeof getLink> }>();
  function recentLink(ifname: string): ReturnType<typeof getLink> {
    const now = performance.now();
    const hit = links.get(ifname);
    if (hit && now - hit.at < LINK_CACHE_MS) return hit.link;
    const entry = { at: now, link: getLink(ifname) };
    links.set(ifname, entry);
    // A failed or empty answer is not kept (and never drops a newer one).
    const forget = (): void => {
      if (links.get(ifname) === entry) links.delete(ifname);
    };
    entry.link.then((l) => l === undefined && forget(), forget);
    return entry.link;
  }
  return {
    async link(ifname: string): Promise<LinkState> {
      const link = await getLink(ifname);
      if (!link) return { ready: false, reason: 'interface does not exist' };
      if (!link.adminUp) return { ready: false, reason: 'interface is administratively down' };
      if (!link.operUp) return { ready: false, reason: 'interface has no carrier' };
      return { ready: true };
    },
    async addVip(ifname: string, spec: VipSpec, lifetimeSec: number): Promise<void> {
      // Tracked first: the switch must know an address before it can exist.
      fence.track(ifname, spec.address, spec.prefixLen);
      await addOrRefreshAddress(
        {
          ifname,
          address: spec.address,
          prefixLen: spec.prefixLen,
          family: spec.family,
          validLftSec: lifetimeSec,
          label: spec.family === 4 ? defaultLabel(ifname) : undefined,
        },
        ipOptions,
      );
    },
    async refreshVips(entries, lifetimeSec) {
      // Tracked again first: a deadline fence empties the switch's list, and a refresh
      // re-creates an address that is gone.
      for (const e of entries) fence.track(e.ifname, e.spec.address, e.spec.prefixLen);
      const requests = entries.map((e) => ({
        ifname: e.ifname,
        address: e.spec.address,
        prefixLen: e.spec.prefixLen,
        family: e.spec.family,
        validLftSec: lifetimeSec,
      }));
      const failed = await refreshAddresses(requests, ipOptions);
      // refreshAddresses hands back the very spec objects it was given.
      const byRequest = new Map(requests.map((r, i) => [r, entries[i]!]));
      return failed.flatMap((f) => {
        const e = byRequest.get(f.spec);
        return e ? [{ ...e, message: f.message }] : [];
      });
    },
    async removeVip(ifname: string, spec: VipSpec): Promise<boolean> {
      // A fence kills the ip helper with whatever it had queued, typically this very removal (a
      // fence and the controllers' own drops come together): removeAddress tries it again.
      const present = await removeAddress(
        { ifname, address: spec.address, prefixLen: spec.prefixLen, family: spec.family },
        ipOptions,
      );
      fence.untrack(ifname, spec.address, spec.prefixLen);
      return present;
    },
    async probeOwners(ifname, spec, timeoutMs): Promise<string[]> {
      const link = await recentLink(ifname);
      if (!link?.mac) throw new Error(`cannot probe on ${ifname}: no such interface or no MAC`);
      return probeOwners(
        { ifname, ifindex: link.index, mac: link.mac, address: spec.address, family: spec.family },
        { timeoutMs },
      );
    },
    guard(budgetMs: number): void {
      fence.beat(budgetMs);
    },
    fenceNow(): void {
      fence.fenceNow();
    },
    async close(): Promise<void> {
      ipOptions.batch.close();
      await fence.close();
    },
    async announce(ifname, spec, count, intervalMs, signal): Promise<number> {
      const link = await recentLink(ifname);
      if (!link?.mac) throw new Error(`cannot announce on ${ifname}: no such interface or no MAC`);
      return announcer.announce(
        { ifname, ifindex: link.index, mac: link.mac, address: spec.address, family: spec.family },
        { count, intervalMs },
        signal,
      );
    },
    async listOwned() {
      const owned = await listOwnedAddresses();
      return owned.map((a) => ({
        ifname: a.ifname,
        address: a.address,
        prefixLen: a.prefixLen,
        family: a.family,
      }));
    },
  };
}
