import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InvalidCheckSpecError } from './errors';
import { probeProcess } from './probe-process';
import { parseChecks, type ProcessCheckSpec } from './spec';

function processCheck(fields: Record<string, unknown>): ProcessCheckSpec {
  const [spec] = parseChecks([{ type: 'process', name: 'p', intervalMs: 500, ...fields }]);
  assert.equal(spec?.type, 'process');
  return spec as ProcessCheckSpec;
}

function refused(fields: Record<string, unknown>): string {
  try {
    parseChecks([{ type: 'process', name: 'p', ...fields }]);
  } catch (err) {
    assert.ok(err instanceof InvalidCheckSpecError);
    assert.doesNotMatch(err.message, /\n/);
    return err.message;
  }
  assert.fail('expected the check to be refused');
}

describe('process check (track_process)', () => {
  it('refuses neither or both of process and pidFile, and a relative pid file', () => {
    assert.match(refused({}), /exactly one of process .* or pidFile/);
    assert.match(refused({ process: 'nginx', pidFile: '/run/nginx.pid' }), /exactly one/);
    assert.match(refused({ pidFile: 'run/nginx.pid' }), /pidFile: must be an absolute path/);
    assert.match(refused({ process: 'usr/sbin/nginx' }), /process: a process name has no "\/"/);
  });

  it('by pid file: up while the process runs, down once it exited, down for a bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vipd-process-check-'));
    const pidFile = join(dir, 'svc.pid');
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const spec = processCheck({ pidFile });
      assert.match((await probeProcess(spec)).message, /ENOENT/);
      writeFileSync(pidFile, `${child.pid}\n`);
      const up = await probeProcess(spec);
      assert.deepEqual([up.ok, up.pid], [true, child.pid]);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const down = await probeProcess(spec);
      assert.equal(down.ok, false);
      assert.equal(down.message, `PID ${child.pid} (${pidFile}) is not running`);
      writeFileSync(pidFile, 'nonsense');
      assert.equal((await probeProcess(spec)).message, `pid file ${pidFile} holds no PID`);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('by name: finds a running process by comm, and a long name by argv[0]', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const up = await probeProcess(processCheck({ process: 'sleep' }));
      assert.equal(up.ok, true, up.message);
      const none = await probeProcess(processCheck({ process: 'no-such-process-here' }));
      assert.deepEqual([none.ok, none.message], [false, 'no process named no-such-process-here is running']);
      // A fake /proc: comm is cut at 15 characters, argv[0] tells two long names apart.
      const root = mkdtempSync(join(tmpdir(), 'vipd-fake-proc-'));
      try {
        mkdirSync(join(root, '42'));
        writeFileSync(join(root, '42', 'comm'), 'haproxy-ingress\n');
        writeFileSync(join(root, '42', 'cmdline'), '/usr/bin/haproxy-ingress-controller\0--x\0');
        writeFileSync(join(root, '42', 'stat'), '42 (haproxy-ingress) S 1 42');
        const long = processCheck({ process: 'haproxy-ingress-controller' });
        assert.equal((await probeProcess(long, {}, root)).ok, true);
        const other = processCheck({ process: 'haproxy-ingress-exporter' });
        assert.equal((await probeProcess(other, {}, root)).ok, false);
        writeFileSync(join(root, '42', 'stat'), '42 (haproxy-ingress) Z 1 42');
        assert.equal((await probeProcess(long, {}, root)).ok, false, 'a zombie is not running');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
