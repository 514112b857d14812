/**
 * The README's "Running it" commands, run as written against the shipped example configs in a
 * namespace lab: the lines are read from README.md and run by bash on the client host (vipadm)
 * or started on the etcd host (the coordinator, with deploy/coordinator.example.yaml). The only
 * changes: /etc/vipd/tokens/ is the lab's folder, the example's `cluster: default` is the lab's
 * cluster, and vipd "on every node" is the lab's vipd on n1 and n2. What is asserted is what the
 * kernel shows (which node has the VIP) beside each command's exit code.
 *
 * docs/quickstart.md's vipadm commands run the same way, in the order written, against the same
 * lab and coordinator: its `export VIPADM_…` line with the lab's coordinator and token folder, and
 * `--interface eth0` as the lab's e0. Its other lines (systemctl, etcd, ip link) are for real hosts
 * and are not run here; the lab's tests of failover cover what they show.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { COORDINATOR_BIN, REPO_ROOT } from '../harness/paths';
import { withLab } from '../lab';
import {
  aloneOn,
  bash,
  readmeCommands,
  readmeLabDirs,
  type ShLine,
  shLines,
  startExampleCoordinator,
  startTokensAndCoordinator,
} from './readme-lab';
import { VipdCluster } from './vipd-cluster';

const skip = skipUnlessRoot(__filename);

/** docs/quickstart.md's `export VIPADM_…` and `vipadm …` lines of its sh blocks, in order. */
export function quickstartCommands(doc: string): ShLine[] {
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return shLines(blocks.join('\n')).filter(({ line }) => /^(vipadm |export VIPADM_)/.test(line));
}

describe("README's commands against the example configs (namespace lab)", { skip }, () => {
  it('each one works as written', { timeout: 240_000 }, async () => {
    const commands = readmeCommands(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    assert.ok(commands.length >= 8, `found the block: ${JSON.stringify(commands)}`);
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      assert.equal(endpoint, 'http://198.51.100.2:2379', 'the endpoint coordinator.example.yaml names');
      const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
      const { local, binDir } = readmeLabDirs(lab);
      const exports: string[] = [];
      const done: string[] = [];
      try {
        for (const { line: written, comment } of commands) {
          const line = local(written);
          if (line.startsWith('services/vipd/bin/vipd --config /etc/vipd/vipd.yaml')) {
            // "on every node": the lab's vipd on n1 and n2 (their own configs, the same cluster).
            for (const h of ['n1', 'n2'] as const) cluster.start(h);
          } else if (line.startsWith('services/coordinator/bin/vip-coordinator')) {
            const argv = line.split(/\s+/);
            assert.equal(join(REPO_ROOT, argv[0]!), COORDINATOR_BIN);
            assert.deepEqual(argv.slice(1), ['--config', 'deploy/coordinator.example.yaml']);
            await startExampleCoordinator(lab, local);
          } else if (line.startsWith('export ')) {
            exports.push(line);
          } else if (/vipadm -o json watch$/.test(line)) {
            // Runs until interrupted: meanwhile the comment's undrain happens, and it prints it.
            const watch = bash(lab, binDir, exports, `timeout --preserve-status -s INT 6 ${line}`, 20_000);
            await new Promise((r) => setTimeout(r, 2000));
            const undrain = await bash(lab, binDir, exports, 'vipadm node undrain n1');
            assert.equal(undrain.code, 0, undrain.stderr);
            const r = await watch;
            assert.equal(r.code, 0, `${line}: ${r.stderr}`);
            const events = r.stdout
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as { type: string; node: string });
            assert.ok(
              events.some((e) => e.type === 'node_undrained' && e.node === 'n1'),
              r.stdout,
            );
          } else {
            const r = await bash(lab, binDir, exports, line);
            assert.equal(r.code, 0, `README: ${written}\nexit ${r.code}: ${r.stderr}${r.stdout}`);
            if (/vip add web/.test(line))
              await cluster.waitHolder('198.51.100.100/24', ['n1', 'n2'], 20_000, 'n1');
            if (/vip move web --to n2/.test(line)) await aloneOn(cluster, '198.51.100.100/24', 'n2', comment);
            if (/node drain n1/.test(line)) {
              await aloneOn(cluster, '198.51.100.100/24', 'n2', 'after the drain');
              // vip get says where the VIP is and why, from the real nodes' records.
              const get = await bash(lab, binDir, exports, 'vipadm vip get web');
              assert.equal(get.code, 0, get.stderr);
              assert.match(get.stdout, /^n2 +100 +holds it$/m);
              assert.match(get.stdout, /^n1 +150 +drained: takes no VIP \(vipadm node undrain n1\)$/m);
              assert.match(get.stdout, /^why: held by its pinned node n2$/m);
            }
            if (/vipadm status/.test(line)) assert.match(r.stdout, /^web +198\.51\.100\.100\/24 .* n2 /m);
            if (/completion bash/.test(line)) {
              const p = await bash(lab, binDir, exports, `${line} && complete -p vipadm`);
              assert.match(p.stdout, /complete -o default -F _vipadm vipadm/);
            }
          }
          done.push(written);
        }
        assert.ok(exports.length > 0 && done.length === commands.length);
      } catch (err) {
        cluster.printLogTails(['n1', 'n2']);
        throw err;
      } finally {
        await cluster.stopAll();
      }
    });
  });
  it("docs/quickstart.md's vipadm commands work as written", { timeout: 240_000 }, async () => {
    const commands = quickstartCommands(readFileSync(join(REPO_ROOT, 'docs', 'quickstart.md'), 'utf8'));
    assert.ok(
      commands.some((c) => c.line.startsWith('export VIPADM_')) && commands.length >= 10,
      `found the commands: ${JSON.stringify(commands)}`,
    );
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
      const dirs = readmeLabDirs(lab);
      const { local, binDir } = dirs;
      const VIP = '198.51.100.100/24';
      const exports: string[] = [];
      try {
        await startTokensAndCoordinator(lab, dirs);
        for (const h of ['n1', 'n2'] as const) cluster.start(h);
        for (const { line: written, comment } of commands) {
          // The quick start's coordinator listens on host A's loopback; the lab's is on the etcd host.
          const line = local(written)
            .replace('VIPADM_SERVER=127.0.0.1:7500', 'VIPADM_SERVER=198.51.100.2:7500')
            .replace('--interface eth0', '--interface e0');
          if (line.startsWith('export ')) {
            exports.push(line);
            continue;
          }
          if (/^vipadm (-o \w+ )?watch$/.test(line)) {
            // Runs until Ctrl-C: meanwhile a move happens (the quick start's next step), and it prints it.
            const watch = bash(lab, binDir, exports, `timeout --preserve-status -s INT 8 ${line}`, 20_000);
            await new Promise((r) => setTimeout(r, 2000));
            const move = await bash(lab, binDir, exports, 'vipadm vip move web --to n2');
            assert.equal(move.code, 0, move.stderr);
            const r = await watch;
            assert.equal(r.code, 0, `${line}: ${r.stderr}`);
            assert.match(r.stdout, /acquired +vip=web node=n2 fencing=\d+/, r.stdout);
            continue;
          }
          const r = await bash(lab, binDir, exports, line);
          assert.equal(r.code, 0, `quickstart.md: ${written}\nexit ${r.code}: ${r.stderr}${r.stdout}`);
          if (/^vipadm node list$/.test(line)) {
            // Both nodes are registered once their vipd is up; the line is run until they are.
            await pollUntil(
              async () => {
                const again = await bash(lab, binDir, exports, line);
                return /^n1 /m.test(again.stdout) && /^n2 /m.test(again.stdout) ? true : undefined;
              },
              { timeoutMs: 20_000, intervalMs: 200, what: 'vipadm node list to show n1 and n2' },
            );
          }
          if (/vip add web/.test(line)) await cluster.waitHolder(VIP, ['n1', 'n2'], 20_000, 'n1');
          const to = /vip move web --to (n[12])$/.exec(line)?.[1];
          if (to) await aloneOn(cluster, VIP, to, comment);
          if (/node drain n1$/.test(line)) await aloneOn(cluster, VIP, 'n2', 'after the drain');
          if (/node undrain n1$/.test(line)) {
            const again = await bash(lab, binDir, exports, 'vipadm vip get web');
            assert.doesNotMatch(again.stdout, /drained/, again.stdout);
          }
          if (/vip get web$/.test(line)) {
            assert.match(r.stdout, /^why: /m, r.stdout);
            if (/drained/.test(comment))
              assert.match(r.stdout, /^n1 +150 +drained: takes no VIP \(vipadm node undrain n1\)$/m);
          }
          if (/^vipadm status$/.test(line)) assert.match(r.stdout, /^web +198\.51\.100\.100\/24 .* n1 /m);
          if (/vip rm web$/.test(line)) {
            await pollUntil(
              async () => ((await cluster.holders(VIP, ['n1', 'n2'])).length === 0 ? true : undefined),
              { timeoutMs: 5000, intervalMs: 50, what: 'the address to go from every node' },
            );
          }
        }
      } catch (err) {
        cluster.printLogTails(['n1', 'n2']);
        throw err;
      } finally {
        await cluster.stopAll();
      }
    });
  });
});
