/**
 * At start, before joining etcd: addresses carrying our mark were left by an earlier run (a
 * crash, a SIGKILL) and are not held now, so they go, one at a time. So do the routes and rules
 * of vipd's protocol and the virtual-MAC macvlans that such a run leaves when its kernel agent
 * died with it (a SIGKILL of the whole unit): routes and rules first (a route may need the
 * address), the macvlans last (the addresses on them go first, by name).
 */
import { errorLine, type Logger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';
import type { Kernel, Leftover } from './kernel';

export async function cleanStaleAddresses(
  kernel: Pick<Kernel, 'listOwned' | 'removeVip' | 'listLeftovers'>,
  log: Logger,
): Promise<void> {
  // Not a reason to stay down: a leftover route or macvlan is in the way, not a second holder.
  const leftovers = await Promise.resolve(kernel.listLeftovers?.() ?? []).catch((err: unknown) => {
    log.warn({ err: errorLine(err) }, 'cannot list the routes, rules and macvlans an earlier run left');
    return [];
  });
  await removeLeftovers(
    leftovers.filter((l) => l.kind !== 'virtual MAC'),
    log,
  );
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
  await removeLeftovers(
    leftovers.filter((l) => l.kind === 'virtual MAC'),
    log,
  );
}

/**
 * One at a time; one that cannot be removed is logged and the rest still go (it does not stop
 * the start: vipd's own adds replace a route of the same key, and re-create a macvlan).
 */
async function removeLeftovers(leftovers: readonly Leftover[], log: Logger): Promise<void> {
  for (const l of leftovers) {
    try {
      if (await l.remove()) log.info({ [kindKey(l)]: l.text }, `removed a ${l.kind} left by an earlier run`);
    } catch (err) {
      log.warn(
        { [kindKey(l)]: l.text, err: errorLine(err) },
        `cannot remove a ${l.kind} left by an earlier run`,
      );
    }
  }
}

function kindKey(l: Leftover): string {
  return l.kind === 'virtual MAC' ? 'vmac' : l.kind;
}
