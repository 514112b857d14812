/**
 * `vipd status` end to end in a namespace lab: real etcd, real vipd on n1 and n2, and the real
 * `services/vipd/bin/vipd status` run in each node's namespace against its node.statusSocket.
 * Asserted: n1 reports the VIP it has up (the kernel agrees) with the fencing revision etcd
 * gives its leader key, and n2 as a live peer; n2 reports n1 holding it. A SIGKILLed daemon's
 * left-over socket and a stopped daemon's missing one each give exit 1 and one clear line.
 * Beside it, log.levelNames: n2's JSON lines name their level, n1's keep pino's numbers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { VIPD_BIN } from '../harness/paths';
import { CommandError, pollUntil } from '../harness/proc';
import { type NodeHost, withLab } from '../lab';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100/24';
const skip = skipUnlessRoot(__filename);

/** What the test reads of `vipd status -o json` (services/vipd/src/status-report.ts). */
interface StatusJson {
  node: { name: string; ready: boolean };
  held: { name: string; address: string; interface: string; since: string; revision: string }[];
  peers: {
    name: string;
    suspect: boolean;
    lastBeatMsAgo: number | null;
    etcdOk: boolean | null;
    held: { name: string; revision: string }[] | null;
  }[];
  deadlines: {
    leaseId: string | null;
    etcdOk: boolean;
    leaseLeftMs: number | null;
    holdLeftMs: number | null;
  };
  agent: { mode: string; fences: number; lastFence: { reason: string } | null };
}

describe('e2e: vipd status', { skip, timeout: 120_000 }, () => {
  it('shows the VIP held on n1 and its peer n2; a daemon gone gives exit 1 and one line (n2 logs level names)', async () => {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      // n2 names its log levels (log.levelNames); n1 keeps pino's numbers.
      const c = new VipdCluster(lab, await lab.startEtcd(), { ttlSeconds: 3, logLevelNames: ['n2'] });
      const status = (host: NodeHost, args: string[] = ['-o', 'json']) =>
        lab.exec(host, [process.execPath, VIPD_BIN, 'status', '--config', c.configFile(host), ...args]);
      const json = async (host: NodeHost) => JSON.parse(await status(host)) as StatusJson;
      /** `vipd status` that must fail: its exit code and stderr. */
      const failing = async (host: NodeHost) => {
        const err = await status(host).then(
          (out) => assert.fail(`vipd status on ${host} succeeded: ${out}`),
          (e: unknown) => e,
        );
        assert.ok(err instanceof CommandError, String(err));
        assert.equal(err.stdout, '');
        return { code: err.code, stderr: err.stderr };
      };
      try {
        await c.putVip({
          name: 'web',
          address: VIP,
          interface: 'e0',
          nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        });
        c.start('n1');
        c.start('n2');
        await c.waitHolder(VIP, NODES, 15_000, 'n1');
        await c.waitServing(NODES);
        const leader = JSON.parse(await c.etcdctl(['get', '-w', 'json', `/vipd/${CLUSTER}/leaders/web`])) as {
          kvs: { create_revision: number }[];
        };
        const revision = String(leader.kvs[0]?.create_revision);

        // Polled: n2's beats name what n1 holds a beat or two after n1 added it.
        const n1 = await pollUntil(
          async () => {
            const s = await json('n1');
            const p = s.peers.find((x) => x.name === 'n2');
            return s.held.length === 1 && p?.lastBeatMsAgo !== null && p?.held !== null ? s : undefined;
          },
          { timeoutMs: 10_000, intervalMs: 200, what: 'n1 status: holding web, n2 heard' },
        );
        assert.equal(n1.node.name, 'n1');
        assert.equal(n1.node.ready, true);
        assert.deepEqual(
          n1.held.map(({ name, address, interface: ifname, revision: rev }) => ({
            name,
            address,
            ifname,
            rev,
          })),
          [{ name: 'web', address: VIP, ifname: 'e0', rev: revision }],
        );
        const since = Date.parse(n1.held[0]?.since ?? '');
        assert.ok(Date.now() - since >= 0 && Date.now() - since < 60_000, `since ${n1.held[0]?.since}`);
        const peer = n1.peers.find((p) => p.name === 'n2');
        assert.ok(peer, 'n2 listed as a peer');
        assert.equal(peer.suspect, false);
        assert.ok((peer.lastBeatMsAgo ?? Infinity) < 1000, `n2 last heard ${peer.lastBeatMsAgo} ms ago`);
        assert.equal(peer.etcdOk, true);
        assert.deepEqual(peer.held, [], 'n2 holds nothing');
        assert.equal(n1.deadlines.etcdOk, true);
        assert.match(n1.deadlines.leaseId ?? '', /^[0-9a-f]+$/);
        assert.ok((n1.deadlines.leaseLeftMs ?? 0) > 0, 'lease deadline ahead');
        assert.ok((n1.deadlines.holdLeftMs ?? 0) > 0, 'may hold VIPs');
        assert.equal(n1.agent.mode, 'child');
        // A fence on a busy host at start is vipd's timing, not this command's: only consistency.
        assert.equal(n1.agent.fences === 0, n1.agent.lastFence === null, JSON.stringify(n1.agent));

        const n2 = await json('n2');
        assert.deepEqual(n2.held, []);
        assert.deepEqual(n2.peers.find((p) => p.name === 'n1')?.held, [{ name: 'web', revision }]);

        const text = await status('n1', []);
        assert.match(text, /^node n1 \(cluster lab\): ready;/m);
        assert.match(
          text,
          new RegExp(`^ +web +198\\.51\\.100\\.100/24 +e0 +\\S+ \\(.* ago\\) +${revision}$`, 'm'),
        );
        assert.match(text, /^ +n2 +\S+:7400 +alive +\d+(ms|\.\ds) ago +ok +-$/m);

        const levels = (host: NodeHost) => new Set(c.logs(host).map((l) => typeof l.level));
        assert.deepEqual(levels('n1'), new Set(['number']));
        assert.deepEqual(levels('n2'), new Set(['string']));
        assert.ok(c.logs('n2').some((l) => l.level === 'info' && l.msg === 'vipd running'));

        // SIGKILL leaves the socket file behind with nobody on it.
        await c.signal('n2', 'SIGKILL');
        const killed = await failing('n2');
        assert.equal(killed.code, 1);
        assert.equal(
          killed.stderr,
          `vipd status: vipd is not running (nothing listens on ${c.statusSocket('n2')})\n`,
        );
        // A clean stop takes the socket with it.
        await c.signal('n1', 'SIGTERM');
        const stopped = await failing('n1');
        assert.equal(stopped.code, 1);
        assert.equal(
          stopped.stderr,
          `vipd status: no status socket at ${c.statusSocket('n1')}: is vipd running? ` +
            '(node.statusSocket, or --socket PATH)\n',
        );
      } catch (err) {
        c.printLogTails(NODES);
        throw err;
      } finally {
        await c.stopAll();
      }
    });
  });
});
