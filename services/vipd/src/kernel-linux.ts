/** The Kernel the daemon uses on a real host: netif for addresses and links, announce for ARP/NA. */
import { Announcer, probeOwners } from '@vipd/announce';
import type { Logger } from '@vipd/log';
import {
  addOrRefreshAddress,
  defaultLabel,
  FenceSwitch,
  getLink,
  listOwnedAddresses,
  removeAddress,
} from '@vipd/netif';
import type { VipSpec } from '@vipd/store';
import type { Kernel, LinkState } from './kernel';

export function createLinuxKernel(log: Logger, opts: { onSwitchLost?: () => void } = {}): Kernel {
  const announcer = new Announcer({ logger: log });
  let fence = startSwitch();
  function startSwitch(): FenceSwitch {
    const f = new FenceSwitch({ logger: log.child({ component: 'fence' }), stderr: 'logger' });
    f.on('unexpectedExit', () => {
      log.error({}, 'fence switch died: VIPs are unguarded; dropping them and restarting it');
      fence = startSwitch();
      opts.onSwitchLost?.();
    });
    return f;
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
      await addOrRefreshAddress({
        ifname,
        address: spec.address,
        prefixLen: spec.prefixLen,
        family: spec.family,
        validLftSec: lifetimeSec,
        label: spec.family === 4 ? defaultLabel(ifname) : undefined,
      });
    },
    async removeVip(ifname: string, spec: VipSpec): Promise<boolean> {
      const present = await removeAddress({
        ifname,
        address: spec.address,
        prefixLen: spec.prefixLen,
        family: spec.family,
      });
      fence.untrack(ifname, spec.address, spec.prefixLen);
      return present;
    },
    async probeOwners(ifname, spec, timeoutMs): Promise<string[]> {
      const link = await getLink(ifname);
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
      await fence.close();
    },
    async announce(ifname, spec, count, intervalMs, signal): Promise<number> {
      const link = await getLink(ifname);
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
