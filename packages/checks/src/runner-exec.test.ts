import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_OUTPUT_BYTES } from './probe-exec';
import { CheckRunner } from './runner';
import { alive, recordResults, spec, waitUntil } from './testing/helpers';

describe('CheckRunner with exec checks', () => {
  it('is up for /bin/true and down for /bin/false', async () => {
    const runner = new CheckRunner(
      [
        spec({ type: 'exec', name: 'yes', argv: ['/bin/true'], intervalMs: 50, rise: 2 }),
        spec({ type: 'exec', name: 'no', argv: ['/bin/false'], intervalMs: 50, fall: 2 }),
      ],
      { maxJitterMs: 10 },
    );
    runner.start();
    try {
      await waitUntil(
        () => runner.state('yes') === 'up' && runner.state('no') === 'down',
        3000,
        'yes up and no down',
      );
      assert.equal(runner.results('yes')?.message, 'exit 0');
      assert.equal(runner.results('no')?.message, 'exit 1');
      assert.equal(runner.allUp(['yes', 'no']), false);
      assert.equal(runner.allUp(['yes']), true);
    } finally {
      await runner.stop();
    }
  });

  it('kills a probe that runs past timeoutMs with SIGKILL, by PID, and fails at once', async () => {
    const runner = new CheckRunner(
      [
        spec({
          type: 'exec',
          name: 'slow',
          argv: ['/bin/sleep', '5'],
          intervalMs: 1000,
          timeoutMs: 100,
          fall: 1,
        }),
      ],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    const startedAt = performance.now();
    runner.start();
    try {
      await waitUntil(() => seen.length >= 1, 2000, 'a result');
      const elapsed = performance.now() - startedAt;
      const result = seen[0];
      assert.ok(elapsed < 600, `reported after ${elapsed} ms`);
      assert.equal(result?.ok, false);
      assert.equal(result?.timedOut, true);
      assert.equal(result?.state, 'down');
      const pid = result?.pid;
      assert.ok(pid !== undefined && pid > 0);
      assert.equal(result?.message, `timed out after 100 ms; killed pid ${pid} with SIGKILL`);
      assert.equal(alive(pid), false, `sleep (pid ${pid}) is gone`);
    } finally {
      await runner.stop();
    }
  });

  it('captures output, truncated, and shows its first line in the message', async () => {
    const script = "process.stdout.write('x'.repeat(10000)); process.exitCode = 3";
    const runner = new CheckRunner(
      [
        spec({
          type: 'exec',
          name: 'loud',
          argv: [process.execPath, '-e', script],
          intervalMs: 2000,
          fall: 1,
        }),
      ],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    runner.start();
    try {
      await waitUntil(() => seen.length >= 1, 3000, 'a result');
      const result = seen[0];
      assert.equal(result?.ok, false);
      assert.equal(result?.output, `${'x'.repeat(MAX_OUTPUT_BYTES)}…[truncated, 10000 bytes in all]`);
      assert.equal(result?.message, `exit 3: ${'x'.repeat(200)}…`);
    } finally {
      await runner.stop();
    }
  });

  it('passes env on top of the environment, and reports a command that cannot run', async () => {
    const runner = new CheckRunner(
      [
        spec({
          type: 'exec',
          name: 'env',
          argv: [
            process.execPath,
            '-e',
            'process.exit(process.env.VIPD_CHECK_T === "yes" && process.env.PATH ? 0 : 1)',
          ],
          env: { VIPD_CHECK_T: 'yes' },
          intervalMs: 2000,
          rise: 1,
        }),
        spec({ type: 'exec', name: 'missing', argv: ['/nonexistent/vipd-check'], intervalMs: 2000, fall: 1 }),
      ],
      { maxJitterMs: 0 },
    );
    runner.start();
    try {
      await waitUntil(
        () => runner.state('env') !== 'unknown' && runner.state('missing') !== 'unknown',
        3000,
        'both results',
      );
      assert.equal(runner.state('env'), 'up');
      assert.equal(runner.state('missing'), 'down');
      assert.match(
        runner.results('missing')?.message ?? '',
        /^cannot run \/nonexistent\/vipd-check: .*ENOENT/,
      );
    } finally {
      await runner.stop();
    }
  });
});
