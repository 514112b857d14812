import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RunnerStoppedError } from './errors';
import { CheckRunner } from './runner';
import { alive, childrenNamed, close, listen, recordResults, spec, waitUntil } from './testing/helpers';

const LEAKABLE = ['Timeout', 'ProcessWrap', 'PipeWrap', 'TCPWrap', 'TCPServerWrap'];

function leakable(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (LEAKABLE.includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe('CheckRunner.stop', () => {
  it('kills running probes, waits for them and leaves no timer, socket or process behind', async () => {
    const baseline = leakable();
    let hungRequests = 0;
    const hung = createHttpServer(() => {
      hungRequests += 1;
    });
    const tcp = createServer((socket) => socket.destroy());
    const [hungPort, tcpPort] = [await listen(hung), await listen(tcp)];
    const runner = new CheckRunner(
      [
        spec({ type: 'exec', name: 'sleep', argv: ['/bin/sleep', '5'], intervalMs: 5000, timeoutMs: 5000 }),
        spec({ type: 'http', name: 'hung', url: `http://127.0.0.1:${hungPort}/`, intervalMs: 5000 }),
        spec({ type: 'tcp', name: 'tcp', target: `127.0.0.1:${tcpPort}`, intervalMs: 50 }),
      ],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    runner.start();
    await waitUntil(() => childrenNamed('sleep').length === 1 && hungRequests === 1, 2000, 'probes running');
    const [sleepPid] = childrenNamed('sleep');
    assert.ok(sleepPid !== undefined);

    const stopAt = performance.now();
    await runner.stop();
    const took = performance.now() - stopAt;
    assert.ok(took < 1500, `stop took ${took} ms`);
    assert.equal(alive(sleepPid), false, 'the exec probe was killed');
    const count = seen.length;
    assert.equal(
      seen.some((r) => r.name !== 'tcp'),
      false,
      'aborted probes report nothing',
    );

    await close(hung);
    await close(tcp);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(seen.length, count, 'no result after stop');
    assert.deepEqual(leakable(), baseline);
    await runner.stop(); // idempotent
    assert.throws(() => runner.start(), RunnerStoppedError);
  });

  it('lets a process that started and stopped a runner exit by itself', async () => {
    const index = JSON.stringify(join(__dirname, 'index.js'));
    const script = `
      const { CheckRunner, parseChecks } = require(${index});
      const runner = new CheckRunner(parseChecks([
        { type: 'exec', name: 'sleep', argv: ['/bin/sleep', '5'], intervalMs: 5000, timeoutMs: 5000 },
        { type: 'tcp', name: 'tcp', target: '127.0.0.1:1', intervalMs: 50, timeoutMs: 50 },
        { type: 'http', name: 'http', url: 'http://127.0.0.1:1/', intervalMs: 50, timeoutMs: 50 },
      ]));
      runner.start();
      setTimeout(() => { runner.stop().then(() => console.log('stopped', JSON.stringify(runner.states()))); }, 300);
    `;
    const startedAt = performance.now();
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { timeout: 5000, killSignal: 'SIGKILL' }, (err, out) => {
        if (err) reject(err);
        else resolve(out);
      });
    });
    const took = performance.now() - startedAt;
    assert.match(stdout, /^stopped \{"sleep":"unknown","tcp":"down","http":"down"\}/);
    assert.ok(took < 3000, `the process exited after ${took} ms`);
  });
});
