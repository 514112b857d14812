/**
 * log.levelNames on the real vip-coordinator (with a real etcd): its JSON lines carry pino's
 * numeric level by default, which scripts read, and the level's name when the option is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { pollUntil } from '../harness/proc';
import { startCoordinator } from './admin-client';

/** The coordinator's log lines once it has said it serves. */
async function linesOf(endpoint: string, logLevelNames: boolean): Promise<Record<string, unknown>[]> {
  const coord = await startCoordinator({ endpoints: [endpoint], cluster: 'logs', logLevelNames });
  try {
    return await pollUntil(
      async () => {
        const lines = coord
          .log()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        return lines.some((l) => l.level === 'info' || l.level === 30) ? lines : undefined;
      },
      { timeoutMs: 5000, what: 'an info line from the coordinator' },
    );
  } finally {
    await coord.stop();
  }
}

describe('vip-coordinator log.levelNames', { timeout: 60_000 }, () => {
  let etcd: LocalEtcd;
  before(async () => {
    etcd = await startLocalEtcd();
  });
  after(async () => {
    await etcd?.stop();
  });

  it('numbers by default, names with log.levelNames: true', async () => {
    const numbers = await linesOf(etcd.endpoint, false);
    assert.deepEqual(new Set(numbers.map((l) => typeof l.level)), new Set(['number']));
    const names = await linesOf(etcd.endpoint, true);
    assert.deepEqual(new Set(names.map((l) => typeof l.level)), new Set(['string']));
    assert.ok(names.every((l) => ['debug', 'info', 'warn', 'error'].includes(String(l.level))));
    assert.ok(names.some((l) => l.level === 'info'));
  });
});
