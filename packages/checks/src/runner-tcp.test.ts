import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { UnknownCheckError } from './errors';
import { CheckRunner } from './runner';
import { close, listen, recordChanges, recordResults, spec, waitUntil } from './testing/helpers';

const INTERVAL = 50;

describe('CheckRunner with a tcp check', () => {
  it('goes up with a listener, down after `fall` failures, and up again after `rise` successes', async () => {
    let server = createServer((socket) => socket.destroy());
    const port = await listen(server);
    const log = memoryLogger();
    const runner = new CheckRunner(
      [
        spec({
          type: 'tcp',
          name: 'db',
          target: `127.0.0.1:${port}`,
          intervalMs: INTERVAL,
          timeoutMs: INTERVAL,
          rise: 2,
          fall: 3,
        }),
      ],
      { log, maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    const changes = recordChanges(runner);
    assert.equal(runner.state('db'), 'unknown');
    assert.equal(runner.allUp(['db']), false, 'unknown is not up');
    runner.start();
    try {
      await waitUntil(() => runner.state('db') === 'up', 2000, 'db up');
      assert.deepEqual(
        seen.map((r) => [r.ok, r.state]),
        [
          [true, 'unknown'],
          [true, 'up'],
        ],
      );
      assert.equal(runner.allUp(['db']), true);
      assert.equal(runner.results('db')?.message, `connected to 127.0.0.1:${port}`);

      await close(server);
      const closedAt = seen.length;
      await waitUntil(() => runner.state('db') === 'down', 2000, 'db down');
      const afterClose = seen.slice(closedAt);
      // A probe already under way when the listener closed may still have connected.
      const firstFailure = afterClose.findIndex((r) => !r.ok);
      const failures = afterClose.slice(firstFailure);
      assert.deepEqual(
        failures.map((r) => [r.ok, r.state]),
        [
          [false, 'up'],
          [false, 'up'],
          [false, 'down'],
        ],
        'still up after 1 and 2 failures, down at the 3rd',
      );
      assert.match(failures[0]?.message ?? '', /ECONNREFUSED/);
      const first = failures[0]?.at ?? NaN;
      const third = failures[2]?.at ?? NaN;
      // Three probes, one interval apart: down about 2 intervals after the first failure.
      assert.ok(third - first >= 2 * INTERVAL - 5, `down ${third - first} ms after the first failure`);
      assert.ok(third - first < 2 * INTERVAL + 200, `down ${third - first} ms after the first failure`);

      server = createServer((socket) => socket.destroy());
      await listen(server, port);
      const reopenedAt = seen.length;
      await waitUntil(() => runner.state('db') === 'up', 2000, 'db up again');
      const successes = seen.slice(reopenedAt).filter((r) => r.ok);
      assert.deepEqual(
        successes.map((r) => r.state),
        ['down', 'up'],
      );
      assert.deepEqual(changes, ['db: unknown -> up', 'db: up -> down', 'db: down -> up']);

      const logged = log.lines.filter((l) => l.msg === 'check state changed');
      assert.equal(logged.length, 3);
      assert.equal(logged[1]?.level, 'info');
      assert.deepEqual(
        { ...logged[1]?.fields, reason: undefined },
        { component: 'checks', check: 'db', from: 'up', to: 'down', reason: undefined },
      );
      assert.match(
        String(logged[1]?.fields.reason),
        /^3 consecutive failures \(fall 3\): connect .*ECONNREFUSED/,
      );
    } finally {
      await runner.stop();
      await close(server);
    }
  });

  it('never overlaps a probe with itself: one probe per interval at most', async () => {
    const server = createServer((socket) => socket.destroy());
    const port = await listen(server);
    const runner = new CheckRunner(
      [spec({ type: 'tcp', name: 'db', target: `127.0.0.1:${port}`, intervalMs: 50, rise: 1, fall: 1 })],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    runner.start();
    try {
      await waitUntil(() => seen.length >= 5, 2000, '5 results');
      // Judged by when each probe started (finished minus its duration, rounded to 1 ms): a
      // probe starts only after the previous one finished, and at least one interval after the
      // previous one started. (The gaps between results also vary with each probe's duration.)
      const started = seen.map((r) => r.at - r.ms);
      for (let i = 1; i < seen.length; i++) {
        assert.ok(started[i]! >= seen[i - 1]!.at - 1, `probe ${i} started before probe ${i - 1} finished`);
        const gap = started[i]! - started[i - 1]!;
        assert.ok(gap >= 48, `probes started ${gap} ms apart`);
      }
    } finally {
      await runner.stop();
      await close(server);
    }
  });

  it('answers for the checks it runs and refuses other names', () => {
    const runner = new CheckRunner([spec({ type: 'tcp', name: 'db', target: '127.0.0.1:1' })]);
    assert.deepEqual(runner.states(), { db: 'unknown' });
    assert.equal(runner.results('db'), undefined);
    assert.throws(() => runner.state('nope'), UnknownCheckError);
    assert.equal(runner.allUp(['nope']), false, 'a check that does not exist is not up');
    assert.equal(runner.allUp([]), true);
  });
});
