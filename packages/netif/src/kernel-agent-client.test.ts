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
});
