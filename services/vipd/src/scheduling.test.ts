import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyNice } from './scheduling';

describe('CPU priority', () => {
  it('sets every thread, skips one that ended meanwhile, and changes nothing for 0', () => {
    const set: [number, number][] = [];
    const groups: number[] = [];
    const deps = {
      threadIds: () => [10, 11, 12],
      getPriority: () => 0,
      autogroupNice: () => 0,
      setPriority: (tid: number, nice: number) => {
        if (tid === 11) throw Object.assign(new Error('no such process'), { code: 'ESRCH' });
        set.push([tid, nice]);
      },
      setAutogroupNice: (nice: number) => void groups.push(nice),
      leadsSession: () => true,
    };
    assert.deepEqual(applyNice(-10, deps), { threads: 2, autogroup: true });
    assert.deepEqual(set, [
      [10, -10],
      [12, -10],
    ]);
    assert.deepEqual(groups, [-10], "the session's autogroup too");
    assert.deepEqual(applyNice(0, deps), { threads: 0, autogroup: false });
    assert.equal(set.length, 2);
    assert.equal(groups.length, 1);
  });

  it('a kernel without autogroup is not an error', () => {
    const deps = {
      threadIds: () => [10],
      getPriority: () => 0,
      autogroupNice: () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      },
      setPriority: () => undefined,
      setAutogroupNice: () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      },
      leadsSession: () => true,
    };
    assert.deepEqual(applyNice(-10, deps), { threads: 1, autogroup: false });
  });

  it("leaves the session's autogroup alone when vipd does not lead its session (a shell's, shared)", () => {
    const deps = {
      threadIds: () => [10],
      getPriority: () => 0,
      autogroupNice: () => 0,
      setPriority: () => undefined,
      setAutogroupNice: () => assert.fail('the shared session must keep its priority'),
      leadsSession: () => false,
    };
    assert.deepEqual(applyNice(-10, deps), { threads: 1, autogroup: false });
  });

  it('reports a refusal (not root) instead of throwing', () => {
    const deps = {
      threadIds: () => [10],
      getPriority: () => 0,
      autogroupNice: () => 0,
      setPriority: () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      },
      setAutogroupNice: () => assert.fail('not reached'),
      leadsSession: () => true,
    };
    assert.deepEqual(applyNice(-10, deps), { threads: 0, autogroup: false, error: 'permission denied' });
  });

  it("leaves what is already at the value or lower (systemd's Nice= before User=), and says which part was refused", () => {
    const set: number[] = [];
    const deps = {
      threadIds: () => [10, 11],
      getPriority: (tid: number) => (tid === 10 ? -10 : -15),
      autogroupNice: () => -10,
      setPriority: (tid: number) => void set.push(tid),
      setAutogroupNice: () => assert.fail('already at the value'),
      leadsSession: () => true,
    };
    assert.deepEqual(applyNice(-10, deps), { threads: 2, autogroup: true });
    assert.deepEqual(set, [], 'neither thread is touched (an unprivileged vipd could not)');
    // A positive value (lower priority, never needs privilege) is set as asked.
    assert.deepEqual(applyNice(5, { ...deps, setAutogroupNice: () => undefined }), {
      threads: 2,
      autogroup: true,
    });
    assert.deepEqual(set, [10, 11]);
    const refused = {
      ...deps,
      autogroupNice: () => 0,
      setAutogroupNice: () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    };
    assert.deepEqual(applyNice(-10, refused), {
      threads: 2,
      autogroup: false,
      error: "the session's CPU group: operation not permitted",
    });
  });

  it(
    'on Linux: every thread of the process, and a child spawned afterwards, run at the nice value',
    { skip: process.getuid?.() !== 0 && 'needs root to lower a nice value' },
    () => {
      // A separate process in a session of its own (its autogroup is set too), so that this
      // test runner keeps its own priority.
      const script = `
        const { applyNice } = require(${JSON.stringify(join(__dirname, 'scheduling.js'))});
        const fs = require('node:fs');
        const r = applyNice(-7);
        const nice = (stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        const threads = fs.readdirSync('/proc/self/task').map((t) => nice(fs.readFileSync('/proc/self/task/' + t + '/stat', 'utf8')));
        const child = require('node:child_process').execFileSync('cat', ['/proc/self/stat'], { encoding: 'utf8' });
        let group = '';
        try { group = fs.readFileSync('/proc/self/autogroup', 'utf8'); } catch {}
        process.stdout.write(JSON.stringify({ r, threads, child: nice(child), group }));`;
      const proc = spawnSync('setsid', ['--wait', process.execPath, '-e', script], { encoding: 'utf8' });
      assert.equal(proc.status, 0, proc.stderr);
      const out = JSON.parse(proc.stdout) as {
        r: { threads: number; autogroup: boolean; error?: string };
        threads: number[];
        child: number;
        group: string;
      };
      assert.equal(out.r.error, undefined);
      assert.ok(out.threads.length >= 2, 'node runs several threads');
      assert.equal(out.r.threads, out.threads.length);
      assert.deepEqual(new Set(out.threads), new Set([-7]), 'every thread at nice -7');
      assert.equal(out.child, -7, 'a process spawned afterwards (the kernel agent) inherits it');
      // Where the kernel schedules by autogroup, the session's group runs at -7 too.
      if (out.group) {
        assert.equal(out.r.autogroup, true);
        assert.match(out.group, /nice -7$/m);
      }
      // Not leading its session (this test runner's), it leaves the shared group alone.
      const shared = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(shared.status, 0, shared.stderr);
      const inShared = JSON.parse(shared.stdout) as { r: { autogroup: boolean }; group: string };
      assert.equal(inShared.r.autogroup, false);
      if (inShared.group) assert.doesNotMatch(inShared.group, /nice -7$/m);
    },
  );
});
