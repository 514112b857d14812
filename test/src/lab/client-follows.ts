// What a client of the lab sees when a VIP moves: its neighbour entry follows the VIP to the
// new holder's MAC, and the VIP answers its pings again.
import assert from 'node:assert/strict';
import { pollUntil, sleep } from '../harness/proc';
import type { Lab } from './lab';
import type { Pinger, PingStats } from './pinger';
import type { NodeHost } from './topology';

/**
 * Waits (3 s at most) until the client's neighbour entry for `vip` is `host`'s MAC, lets the
 * pings settle for `settleMs`, stops the pinger; `vip` must answer again at the end.
 */
export async function waitClientFollows(
  lab: Lab,
  ping: Pinger,
  vip: string,
  host: NodeHost,
  settleMs = 500,
): Promise<PingStats> {
  const mac = await lab.mac(host);
  await pollUntil(async () => ((await lab.neighbour('cli', vip)) === mac ? true : undefined), {
    timeoutMs: 3000,
    what: `the client's neighbour entry for ${vip} to follow the VIP to ${host}`,
  });
  await sleep(settleMs);
  const stats = await ping.stop();
  assert.equal(stats.unansweredAtEnd, 0, `${vip} answers again`);
  return stats;
}
