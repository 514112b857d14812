/**
 * Hooks end to end in a namespace lab: real vipd on n1 and n2 run a real script on every
 * transition; the script appends "state vip rev node address interface cluster" to a file.
 * Asserted: who ran what with which fencing revision, and that a hanging hook does not slow
 * a failover down (the client's outage, measured by the lab's pinger).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, processAlive, sleep } from '../harness/proc';
import { type Lab, type NodeHost, withLab } from '../lab';
import { VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100';
const TTL = 3;
const skip = skipUnlessRoot(__filename);

const HOOK = `#!/bin/bash
set -euo pipefail
events=$1
echo "$VIPD_STATE $VIPD_VIP $VIPD_REVISION $VIPD_NODE $VIPD_ADDRESS/$VIPD_PREFIX $VIPD_INTERFACE $VIPD_CLUSTER" >> "$events"
# With the slow flag, n1's onMaster hangs (a cloud API that never answers).
if [ "$VIPD_STATE" = master ] && [ "$VIPD_NODE" = n1 ] && [ -e "$events.slow" ]; then
  echo $$ > "$events.pid"
  exec sleep 30
fi
`;

interface HookEvent {
  state: string;
  vip: string;
  rev: bigint;
  node: string;
  rest: string;
}

/** A lab with vipd on n1 and n2 (hooks on both), the VIP up on n1. */
async function withHookedCluster(
  opts: { slowMaster?: boolean; timeoutMs?: number },
  fn: (c: VipdCluster, lab: Lab, events: () => HookEvent[], file: string) => Promise<void>,
): Promise<void> {
  await withLab({ nodes: 2, etcd: true }, async (lab) => {
    const hook = join(lab.dir, 'hook.sh');
    const file = join(lab.dir, 'hook-events');
    writeFileSync(hook, HOOK);
    chmodSync(hook, 0o755);
    if (opts.slowMaster) writeFileSync(`${file}.slow`, '');
    const argv = JSON.stringify([hook, file]);
    const c = new VipdCluster(lab, await lab.startEtcd(), {
      ttlSeconds: TTL,
      extraYaml: [
        `hooks: { onMaster: ${argv}, onBackup: ${argv}, onFault: ${argv},`,
        `  timeoutMs: ${opts.timeoutMs ?? 5000}, retries: 2, retryDelayMs: 200 }`,
      ],
    });
    const events = (): HookEvent[] =>
      (existsSync(file) ? readFileSync(file, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [state = '', vip = '', rev = '0', node = '', ...rest] = line.split(' ');
          return { state, vip, rev: BigInt(rev), node, rest: rest.join(' ') };
        });
    try {
      await c.putVip({
        name: 'web',
        address: `${VIP}/24`,
        interface: 'e0',
        nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        preempt: true,
      });
      c.start('n1');
      c.start('n2');
      await c.waitHolder(`${VIP}/24`, NODES, 15_000, 'n1');
      await c.waitServing(NODES);
      await fn(c, lab, events, file);
    } catch (err) {
      console.log(
        `# hook events:\n${JSON.stringify(events(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
      );
      for (const h of NODES) {
        const tail = c
          .logs(h)
          .filter((l) => l.component === 'hooks' || (process.env.HOOKS_DEBUG && Number(l.level) >= 30))
          .slice(-60);
        console.log(
          `# --- hooks log of vipd on ${h} ---\n${tail.map((l) => `# ${JSON.stringify(l)}`).join('\n')}`,
        );
      }
      throw err;
    } finally {
      await c.stopAll();
    }
  });
}

async function waitEvent(events: () => HookEvent[], what: string, match: (e: HookEvent) => boolean) {
  return pollUntil(async () => events().find(match), { timeoutMs: 10_000, intervalMs: 20, what });
}

/** The last hook `node` ran, if any. */
function lastOf(events: HookEvent[], node: NodeHost): HookEvent | undefined {
  return events.filter((e) => e.node === node).pop();
}

/**
 * Per node, hooks alternate: onMaster(rev), then one onBackup or onFault for that same rev.
 * (Only for quick hooks: a transition that is superseded before its hook starts is skipped.)
 */
function assertPaired(events: HookEvent[], nodes: readonly NodeHost[]): void {
  for (const node of nodes) {
    let held: bigint | undefined;
    for (const e of events.filter((x) => x.node === node)) {
      if (e.state === 'master') {
        assert.equal(held, undefined, `${node}: onMaster ${e.rev} while still master of ${held}`);
        held = e.rev;
      } else {
        assert.equal(e.rev, held, `${node}: ${e.state} ${e.rev} after onMaster ${held}`);
        held = undefined;
      }
    }
  }
}

/** Each hook ran for the state its reason implies (from vipd's own "hook started" lines). */
function assertStateFitsReason(c: VipdCluster, stopped: ReadonlySet<NodeHost> = new Set()): void {
  for (const node of NODES) {
    for (const l of c.logs(node).filter((x) => x.msg === 'hook started')) {
      const reason = String(l.reason);
      if (/^(preempted|shutting down|moved to)/.test(reason)) assert.equal(l.state, 'backup', reason);
      // (After SIGTERM every drop is a backup, also one that raced the stop as "fenced".)
      if (/^(fenced|lease lost)/.test(reason) && !stopped.has(node)) assert.equal(l.state, 'fault', reason);
      if (/^(leadership acquired|holds the leadership)$/.test(reason)) assert.equal(l.state, 'master');
    }
  }
}

describe('hooks end to end (namespace lab, real etcd, real scripts)', { skip, concurrency: 1 }, () => {
  it('onMaster on the holder at start; SIGTERM: onBackup on it, onMaster on the successor with a newer revision', async () => {
    await withHookedCluster({}, async (c, lab, events) => {
      const first = await waitEvent(events, "n1's onMaster", (e) => e.node === 'n1' && e.state === 'master');
      assert.deepEqual(
        { ...first, rev: undefined },
        { state: 'master', vip: 'web', rev: undefined, node: 'n1', rest: `${VIP}/24 e0 lab` },
      );
      const ping = lab.startPing('cli', VIP);
      await ping.waitForReply(5000);
      await sleep(200);
      // (On a loaded machine n1 may have fenced and come back meanwhile: its latest hold counts.)
      const held = await pollUntil(
        async () => ((e) => (e?.state === 'master' ? e : undefined))(lastOf(events(), 'n1')),
        { timeoutMs: 5000, what: 'n1 to be master' },
      );
      await c.signal('n1', 'SIGTERM');
      await c.waitHolder(`${VIP}/24`, NODES, 5000, 'n2');
      await waitEvent(
        events,
        "n2's onMaster",
        (e) => e.node === 'n2' && e.state === 'master' && e.rev > held.rev,
      );
      const backup = lastOf(events(), 'n1');
      assert.deepEqual(
        [backup?.state, backup?.rev],
        ['backup', held.rev],
        'n1 ran onBackup (no fault) for the revision it gave up, before it exited',
      );
      const started = c.logs('n1').filter((l) => l.msg === 'hook started');
      assert.equal(started.pop()?.state, 'backup');
      assertPaired(events(), NODES);
      assertStateFitsReason(c, new Set(['n1']));
      await sleep(300);
      const stats = await ping.stop();
      console.log(`# SIGTERM with hooks: client outage ${Math.round(stats.outageMs)} ms`);
      assert.ok(stats.outageMs < 500, `outage ${stats.outageMs} ms`);
    });
  });

  it('a hook hanging on the holder does not slow the takeover; link cut: onFault there, once the hang is killed', async () => {
    const timeoutMs = 6000;
    await withHookedCluster({ slowMaster: true, timeoutMs }, async (c, lab, events, file) => {
      const first = await waitEvent(events, "n1's onMaster", (e) => e.node === 'n1' && e.state === 'master');
      const pid = await pollUntil(
        async () => (existsSync(`${file}.pid`) ? Number(readFileSync(`${file}.pid`, 'utf8')) : undefined),
        {
          timeoutMs: 5000,
          what: 'the hanging hook to record its PID',
        },
      );
      const ping = lab.startPing('cli', VIP);
      await ping.waitForReply(5000);
      await sleep(200);
      assert.ok(processAlive(pid), "n1's onMaster hook still hangs when the link is cut");
      const cutAt = Date.now();
      await lab.cutLink('n1');
      await pollUntil(async () => ((await c.holders(`${VIP}/24`, ['n2'])).length ? true : undefined), {
        timeoutMs: (TTL + 3) * 1000,
        intervalMs: 20,
        what: 'n2 to take the VIP',
      });
      const mac = await lab.mac('n2');
      await pollUntil(async () => ((await lab.neighbour('cli', VIP)) === mac ? true : undefined), {
        timeoutMs: 3000,
        what: "the client's neighbour entry to follow the VIP to n2",
      });
      await sleep(500);
      const stats = await ping.stop();
      console.log(`# link cut, n1's hook hanging: client outage ${Math.round(stats.outageMs)} ms`);
      assert.ok(stats.outageMs < 1000, `outage ${stats.outageMs} ms`);
      assert.equal(stats.unansweredAtEnd, 0, 'the VIP answers again');
      // n1 fenced itself at once, hook or no hook.
      assert.deepEqual(await c.holders(`${VIP}/24`, ['n1']), []);
      const second = await waitEvent(
        events,
        "n2's onMaster",
        (e) => e.node === 'n2' && e.state === 'master' && e.rev > first.rev,
      );

      // n1's onFault waits behind the hanging hook, which is killed (with its group) at the timeout
      // and not retried: the fault supersedes it.
      const fault = await pollUntil(
        async () => ((e) => (e?.state === 'fault' ? e : undefined))(lastOf(events(), 'n1')),
        { timeoutMs: timeoutMs + 5000, what: "n1's onFault" },
      );
      assert.ok(fault.rev >= first.rev);
      assert.ok(Date.now() - cutAt < timeoutMs + 3000, 'onFault ran right after the timeout');
      assert.ok(!processAlive(pid), 'the hanging hook was killed');
      const n1 = c.logs('n1').filter((l) => l.component === 'hooks');
      const failed = n1.find((l) => l.msg === 'hook failed; not retried: a newer transition supersedes it');
      assert.equal(failed?.state, 'master');
      assert.match(String(failed.status), /^timed out after 6000 ms; process group \d+ killed$/);
      assert.ok(!n1.some((l) => l.msg === 'hook started' && l.attempt !== 1), 'no retry');

      // n1 comes back and, with the higher priority, takes the VIP back: n1 runs onMaster with
      // the newest revision, n2 gives up what it held (onBackup when preempted).
      rmSync(`${file}.slow`);
      await lab.restoreLink('n1');
      await c.waitHolder(`${VIP}/24`, NODES, 15_000, 'n1');
      await waitEvent(
        events,
        "n1's onMaster after the link is back",
        (e) => e.node === 'n1' && e.rev > second.rev,
      );
      await pollUntil(async () => (lastOf(events(), 'n2')?.state !== 'master' ? true : undefined), {
        timeoutMs: 5000,
        what: 'n2 to run the hook for giving the VIP up',
      });
      const n1Last = lastOf(events(), 'n1');
      assert.equal(n1Last?.state, 'master');
      assert.ok(
        events().every((e) => e.rev <= n1Last.rev),
        'n1 holds the newest revision',
      );
      console.log(
        `# hooks run: ${events()
          .map((e) => `${e.node}:${e.state}:${e.rev}`)
          .join(' ')}`,
      );
      assertPaired(events(), ['n2']);
      assertStateFitsReason(c);
    });
  });
});
