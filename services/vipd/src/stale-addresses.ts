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
    const spec = { address: a.address, prefixLen: a.prefixLen, family: a.family } as VipSpec;
    await kernel.removeVip(a.ifname, spec);
    log.warn(
      { address: `${a.address}/${a.prefixLen}`, interface: a.ifname },
      'removed a VIP address left by an earlier run',
    );
  }
}
