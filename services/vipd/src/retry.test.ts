import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { retry, retryDelayMs } from './retry';

describe('retry', () => {
  it('backs off from 200 ms, doubling, to at most 2 s', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 20].map((a) => retryDelayMs(a)),
      [200, 400, 800, 1600, 2000, 2000, 2000],
    );
  });

  it('tries again after a failure, says so, and logs when it succeeds', async () => {
    const log = memoryLogger();
    let calls = 0;
    const started = performance.now();
    await retry(
      'etcd session',
      () => (++calls === 1 ? Promise.reject(new Error('unavailable')) : Promise.resolve()),
      { log, stopping: () => false },
    );
    assert.equal(calls, 2);
    assert.ok(performance.now() - started >= 190, 'waited the first back-off');
    assert.deepEqual(
      log.lines.map((l) => [l.level, l.msg, l.fields.attempt]),
      [
        ['warn', 'etcd session failed', 1],
        ['info', 'etcd session: ok', 2],
      ],
    );
    assert.equal(log.lines[0]?.fields.retryInMs, 200);
  });

  it('a first success logs nothing; once stopping, nothing more is tried', async () => {
    const log = memoryLogger();
    let calls = 0;
    await retry('beat key', () => Promise.resolve(void calls++), { log, stopping: () => false });
    assert.equal(calls, 1);
    assert.deepEqual(log.lines, []);
    let stopping = false;
    await retry(
      'beat key',
      () => {
        calls++;
        stopping = true;
        return Promise.reject(new Error('down'));
      },
      { log, stopping: () => stopping },
    );
    assert.equal(calls, 2, 'not tried again after the daemon began to stop');
    await retry('beat key', () => Promise.resolve(void calls++), { log, stopping: () => true });
    assert.equal(calls, 2);
  });
});
