/**
 * The wait both second-burst lab tests share (announce-details.test.ts for IPv4,
 * second-burst-v6.test.ts for IPv6): the client's neighbour entry for the VIP, set wrong after
 * the first burst, turns to the holder's MAC, and vipd logs the second burst.
 */
import { pollUntil } from '../harness/proc';
import type { Lab, NodeHost } from '../lab';
import type { VipdCluster } from './vipd-cluster';

export interface SecondBurstSeen {
  /** When the client's entry showed the holder's MAC (Date.now()). */
  fixedAt: number;
  /** vipd's "announced" line for the second burst. */
  second: Record<string, unknown>;
}

export async function secondBurstCorrects(
  lab: Lab,
  cluster: VipdCluster,
  o: { holder: NodeHost; vip: string; address: string; delayMs: number },
): Promise<SecondBurstSeen> {
  const mac = await lab.mac(o.holder);
  await pollUntil(async () => ((await lab.neighbour('cli', o.address)) === mac ? true : undefined), {
    timeoutMs: o.delayMs + 3000,
    intervalMs: 10,
    what: "the second burst to correct the client's neighbour entry",
  });
  const fixedAt = Date.now();
  const second = await pollUntil(
    async () =>
      cluster
        .logs(o.holder)
        .find((l) => l.msg === 'announced' && l.vip === o.vip && l.why === 'second burst'),
    { timeoutMs: 2000, intervalMs: 10, what: 'vipd to log the second burst (after its last frame)' },
  );
  return { fixedAt, second };
}
