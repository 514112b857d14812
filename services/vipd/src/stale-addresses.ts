/**
 * At start, before joining etcd: addresses carrying our mark were left by an earlier run (a
 * crash, a SIGKILL) and are not held now, so they go, one at a time.
 */
import type { Logger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';

export async function cleanStaleAddresses(
  kernel: Pick<Kernel, 'listOwned' | 'removeVip'>,
  log: Logger,
): Promise<void> {
  const owned = await kernel.listOwned();
  for (const a of owned) {
    // Only the address is known: no routes, rules or virtual MAC go with it (the kernel's
    // removal walks those lists, so they must be there, empty).
    const spec = {
      address: a.address,
      prefixLen: a.prefixLen,
      family: a.family,
      routes: [],
      rules: [],
    } as Pick<VipSpec, 'address' | 'prefixLen' | 'family' | 'routes' | 'rules'> as VipSpec;
    await kernel.removeVip(a.ifname, spec);
    log.warn(
      { address: `${a.address}/${a.prefixLen}`, interface: a.ifname },
      'removed a VIP address left by an earlier run',
    );
  }
}
