/** The Kernel the daemon uses on a real host: netif for addresses and links, announce for ARP/NA. */
import { Announcer } from '@vipd/announce';
import type { Logger } from '@vipd/log';
import { addOrRefreshAddress, defaultLabel, getLink, listOwnedAddresses, removeAddress } from '@vipd/netif';
import type { VipSpec } from '@vipd/store';
import type { Kernel, LinkState } from './kernel';

export function createLinuxKernel(log: Logger): Kernel {
  const announcer = new Announcer({ logger: log });
  return {
    async link(ifname: string): Promise<LinkState> {
      const link = await getLink(ifname);
      if (!link) return { ready: false, reason: 'interface does not exist' };
      if (!link.adminUp) return { ready: false, reason: 'interface is administratively down' };
      if (!link.operUp) return { ready: false, reason: 'interface has no carrier' };
      return { ready: true };
    },
    async addVip(ifname: string, spec: VipSpec, lifetimeSec: number): Promise<void> {
      await addOrRefreshAddress({
        ifname,
        address: spec.address,
        prefixLen: spec.prefixLen,
        family: spec.family,
        validLftSec: lifetimeSec,
        label: spec.family === 4 ? defaultLabel(ifname) : undefined,
      });
    },
    removeVip(ifname: string, spec: VipSpec): Promise<boolean> {
      return removeAddress({ ifname, address: spec.address, prefixLen: spec.prefixLen, family: spec.family });
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
