// kill-on-fence (BGP mode): the agent's fence SIGKILLs the process vipd named (its gobgpd)
// before it removes addresses, also when vipd's pipe ends. The agent is run inside a throwaway
// network namespace (as in kernel-agent.test.ts), with nothing tracked; the victim is a `sleep`.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_AGENT_BINARY, KernelAgent } from './kernel-agent';

const NS = `vkk-${randomBytes(4).toString('hex')}`;
const DIR = mkdtempSync(join(tmpdir(), 'vipd-agent-kill-'));
const WRAPPER = join(DIR, 'agent-in-ns');

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  return undefined;
}

/** Resolves with the signal that ended it (null: still running after `ms`). */
function endedBy(child: ChildProcess, ms: number): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(null), ms);
    child.once('exit', (_code, signal) => {
      clearTimeout(t);
      resolve(signal);
    });
  });
}

void describe('kernel agent: kill-on-fence', { skip: skipReason() }, () => {
  const victims: ChildProcess[] = [];
  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    writeFileSync(WRAPPER, `#!/bin/sh\nexec ip netns exec ${NS} ${DEFAULT_AGENT_BINARY} "$@"\n`);
    chmodSync(WRAPPER, 0o755);
  });
  after(() => {
    for (const v of victims) if (v.exitCode === null && v.signalCode === null) v.kill('SIGKILL');
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() failed before creating it
    }
    rmSync(DIR, { recursive: true, force: true });
  });

  const victim = (): ChildProcess => {
    const v = spawn('sleep', ['60'], { stdio: 'ignore' });
    victims.push(v);
    return v;
  };

  void it(
    'a requested fence kills the named process; the next fence kills nothing more',
    { timeout: 20_000 },
    async () => {
      const agent = new KernelAgent({ binaryPath: WRAPPER });
      try {
        assert.equal(await agent.ready, true);
        const v = victim();
        await agent.killOnFence(v.pid!);
        assert.equal(await endedBy(v, 300), null, 'alive until a fence');
        agent.fenceNow();
        assert.equal(await endedBy(v, 5000), 'SIGKILL');
        // A bystander started after the kill, never named: the next fence leaves it alone (the
        // agent held the victim by pidfd and let it go with the kill).
        const bystander = victim();
        agent.fenceNow();
        assert.equal(await endedBy(bystander, 500), null, 'the next fence killed nothing');
        // The agent still takes a name after fences, and its next fence kills that one.
        const next = victim();
        await agent.killOnFence(next.pid!);
        agent.fenceNow();
        assert.equal(await endedBy(next, 5000), 'SIGKILL');
        assert.equal(await endedBy(bystander, 200), null, 'still alive');
      } finally {
        await agent.close();
      }
    },
  );

  void it(
    'vipd gone (its pipe closed): the fence kills it too; 0 forgets it',
    { timeout: 20_000 },
    async () => {
      const agent = new KernelAgent({ binaryPath: WRAPPER });
      const spared = victim();
      const killed = victim();
      assert.equal(await agent.ready, true);
      await agent.killOnFence(spared.pid!);
      await agent.killOnFence(0);
      await agent.killOnFence(killed.pid!);
      await agent.close();
      assert.equal(await endedBy(killed, 5000), 'SIGKILL');
      assert.equal(await endedBy(spared, 300), null, 'forgotten, so not killed');
    },
  );

  void it('refuses a process that is gone', { timeout: 20_000 }, async () => {
    const agent = new KernelAgent({ binaryPath: WRAPPER });
    try {
      assert.equal(await agent.ready, true);
      const v = victim();
      v.kill('SIGKILL');
      await endedBy(v, 5000);
      await assert.rejects(agent.killOnFence(v.pid!), /ESRCH|No such process/);
    } finally {
      await agent.close();
    }
  });
});
