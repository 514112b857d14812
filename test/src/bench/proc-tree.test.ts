import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { isLive, parseProcStat, processTree, signalRef, treeOf } from './proc-tree';

void describe('process trees from /proc', () => {
  void it('parses /proc/PID/stat, also with spaces and parentheses in the name', () => {
    assert.deepEqual(parseProcStat('1234 (keepalived) S 1200 1234 1234 0 -1 4194560'), {
      state: 'S',
      ppid: 1200,
      comm: 'keepalived',
    });
    assert.deepEqual(parseProcStat('77 (a (b) c) Z 5 77 77'), { state: 'Z', ppid: 5, comm: 'a (b) c' });
    assert.equal(parseProcStat('garbage'), undefined);
    const full = '4242 (vipd-fence) S 4200 4242 4200 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 987654 2338816';
    assert.equal(parseProcStat(full)?.startTicks, 987654);
  });

  void it('walks parent links: the root, then its descendants, nothing else', () => {
    const stats = new Map(
      [
        [10, 1],
        [11, 10],
        [12, 10],
        [13, 11],
        [20, 1],
        [21, 20],
      ].map(([pid, ppid]) => [pid!, { ppid: ppid! }]),
    );
    assert.deepEqual(treeOf(10, stats), [10, 11, 12, 13]);
    assert.deepEqual(treeOf(21, stats), [21]);
    assert.deepEqual(treeOf(99, stats), []);
  });

  void it('finds a real child in its own process group, and signals only the live process', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    try {
      const tree = processTree(process.pid);
      const ref = tree.find((r) => r.pid === child.pid);
      assert.ok(ref, `sleep ${child.pid} in the tree of ${process.pid}`);
      assert.equal(tree[0]?.pid, process.pid);
      assert.ok(isLive(ref));
      assert.equal(isLive({ ...ref, startTicks: (ref.startTicks ?? 0) + 1 }), false, 'a reused PID');
      assert.equal(signalRef(ref, 'SIGKILL'), true);
      await new Promise((r) => child.once('exit', r));
      assert.equal(isLive(ref), false);
      assert.equal(signalRef(ref, 'SIGKILL'), false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
