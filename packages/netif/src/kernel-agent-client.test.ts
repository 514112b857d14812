// The agent client's own ordering rules, against a stand-in agent (a shell script that says
// `ready` late and records what it is sent): no network namespace, no kernel.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KernelAgent } from './kernel-agent';

const DIR = mkdtempSync(join(tmpdir(), 'vipd-agent-client-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const monotonicMs = () => Number(process.hrtime.bigint() / 1_000_000n);

/** An "agent" that answers `ready 1 T` after `delayS` and writes every line it gets to `out`. */
function standIn(out: string, delayS: number): string {
  const path = join(DIR, `agent-${delayS}.sh`);
  writeFileSync(path, `#!/bin/sh\nsleep ${delayS}\necho "ready 1 T"\nexec cat > ${out}\n`);
  chmodSync(path, 0o755);
  return path;
}

void describe('kernel agent client', () => {
  after(() => rmSync(DIR, { recursive: true, force: true }));

  void it('a beat made before the agent is ready keeps its own deadline (T), not one counted from the write', async () => {
    const out = join(DIR, 'late.txt');
    const agent = new KernelAgent({ binaryPath: standIn(out, 0.3) });
    try {
      const madeAt = monotonicMs();
      agent.beat(200);
      await agent.ready;
      await sleep(100);
      const first = readFileSync(out, 'utf8').split('\n')[0]!;
      const m = /^T (\d+)$/.exec(first);
      assert.ok(m, `the first line is an absolute beat: ${JSON.stringify(first)}`);
      const deadline = Number(m[1]);
      assert.ok(
        deadline >= madeAt + 200 && deadline <= madeAt + 230,
        `deadline ${deadline - madeAt} ms after the beat was made (meant: 200)`,
      );
    } finally {
      await agent.close();
    }
  });

  void it('fences and the newest beat go before queued changes; only the newest beat goes', async () => {
    const out = join(DIR, 'order.txt');
    const agent = new KernelAgent({ binaryPath: standIn(out, 0.2) });
    try {
      const spec = { ifname: 'e0', prefixLen: 24, family: 4, validLftSec: 30 } as const;
      // Never answered here (the stand-in records only): they fail when the agent closes.
      for (const n of [1, 2, 3])
        void agent.add({ ...spec, address: `198.51.100.${n}` }).catch(() => undefined);
      agent.beat(100);
      agent.beat(300);
      agent.fenceNow();
      await agent.ready;
      await sleep(100);
      const kinds = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]);
      assert.deepEqual(kinds, ['F', 'T', 'A', 'A', 'A']);
    } finally {
      await agent.close();
    }
  });

  void it('refreshes are never starved by a long queue of adds (a cold start)', async () => {
    const out = join(DIR, 'starve.txt');
    const agent = new KernelAgent({ binaryPath: standIn(out, 0.2) });
    try {
      const spec = { ifname: 'e0', prefixLen: 64, family: 6, validLftSec: 2 } as const;
      const at = (i: number) => `2001:db8::${(i + 1).toString(16)}`;
      // Never answered (the stand-in records only): all of them fail when the agent closes.
      const adds = [...Array(600).keys()].map((i) =>
        agent.add({ ...spec, address: at(i) }).catch(() => undefined),
      );
      const refreshed = agent.refresh([...Array(5).keys()].map((i) => ({ ...spec, address: at(1000 + i) })));
      await agent.ready;
      await sleep(100);
      const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
      const firstR = lines.findIndex((l) => l.startsWith('R '));
      assert.ok(
        firstR >= 0 && firstR <= 256,
        `the first refresh went out at line ${firstR}, behind the adds`,
      );
      await agent.close();
      await Promise.all([...adds, refreshed]);
    } finally {
      await agent.close();
    }
  });

  void it('refreshes go after other changes, a window at a time; a removal supersedes a queued refresh', async () => {
    const out = join(DIR, 'refresh.txt');
    const agent = new KernelAgent({ binaryPath: standIn(out, 0.2) });
    try {
      const spec = { ifname: 'e0', prefixLen: 64, family: 6, validLftSec: 2 } as const;
      const addresses = [...Array(300).keys()].map((i) => `2001:db8::${(i + 1).toString(16)}`);
      // Never answered (the stand-in records only): what was written fails when the agent closes.
      const refreshed = agent.refresh(addresses.map((address) => ({ ...spec, address })));
      const removed = agent.remove({ ...spec, address: addresses[200]! }).catch(() => undefined);
      await agent.ready;
      await sleep(100);
      const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
      assert.match(lines[0]!, /^D \d+ e0 2001:db8::c9\/64$/, 'the removal goes first');
      const written = lines.filter((l) => l.startsWith('R '));
      assert.equal(written.length, 128, 'one window of refreshes until answers come');
      // Replies come in writing order: ids follow the order of the lines, not of the calls.
      const ids = lines.map((l) => Number(l.split(' ')[1]));
      assert.deepEqual(
        ids,
        [...ids].sort((x, y) => x - y),
      );
      await agent.close();
      const failed = await refreshed;
      await removed;
      assert.equal(failed.length, 299, 'every refresh but the superseded one failed with the agent gone');
      assert.ok(!failed.some((f) => f.spec.address === addresses[200]));
    } finally {
      await agent.close();
    }
  });
});
