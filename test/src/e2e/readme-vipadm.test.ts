/**
 * The README's other vipadm commands, run as written in a namespace lab (real etcd, the coordinator
 * of deploy/coordinator.example.yaml, vipd on n1 and n2), the same way as readme-commands.test.ts:
 * address pools (`pool add`, `vip add --pool`, `pool list|get|rm`), a pin and `vip unpin`, the
 * "Virtual services" block, `import-keepalived` and `apply -f`, `--help` and `help config`. The
 * commands are read from README.md; what is asserted is what the operator sees: the exit code,
 * the object as `vipadm … get -o json` shows it afterwards, the kernel's holder, and the refusal
 * README promises (a pool in use is not removed).
 *
 * Every vipadm command README.md shows, in an `sh` block or inline, is either run by
 * readme-commands.test.ts ("Running it"), run here (RUN_HERE), a fragment run here completed
 * (COMPLETED), or listed with why it is not run (NOT_RUN). The first test, which needs no lab,
 * fails on a vipadm command README gains that is none of these.
 *
 * Lab stand-ins, and nothing else: the token folder is the lab's, the keepalived.conf given to
 * `import-keepalived` is docs/migrating-from-keepalived.md's web1 example (addresses 203.0.113.10/24
 * and 2001:db8:10::10/64, node web1, which is not in the lab, so no lab host takes them), and the
 * VIP `front` the services block names is added first (README does not show that line).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { REPO_ROOT } from '../harness/paths';
import { type Lab, withLab } from '../lab';
import {
  aloneOn,
  bash,
  readmeCommands,
  type Shell,
  readmeLabDirs,
  shBlockAfter,
  startTokensAndCoordinator,
  vipadmMentions,
} from './readme-lab';
import { VipdCluster } from './vipd-cluster';

const skip = skipUnlessRoot(__filename);
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const SERVICES_HEADING = '## Virtual services (L4 load balancing on the VIP)';

/** Commands README shows that this test runs as written; each prefix matches exactly one. */
const RUN_HERE = [
  'vipadm pool add ',
  'vipadm vip add web --pool ',
  'vipadm vip unpin ',
  'vipadm import-keepalived ',
  'vipadm --help',
  'vipadm help config',
  'vipadm service add ',
  'vipadm service list',
  'vipadm service backend drain ',
] as const;

/** Fragments README names in prose or a table, and the whole command this test runs for each. */
const COMPLETED: Record<string, string> = {
  'vipadm vip get': 'vipadm vip get web',
  'vipadm vip move': 'vipadm vip move web --to OTHER-NODE (before `vip unpin`)',
  'vipadm apply -f': 'vipadm apply -f imported.yaml --dry-run, then without --dry-run',
};

/** Lines of the blocks run here that are not run, and why. */
const NOT_RUN: Record<string, string> = {
  'vipd realserver --vip 198.51.100.100':
    'not vipadm: runs on a backend of a --mode dr service until stopped; services-dr.test.ts runs it',
};

function classify(mention: string, runningIt: Set<string>): string[] {
  const kinds: string[] = [];
  if (runningIt.has(mention)) kinds.push('readme-commands.test.ts');
  for (const p of RUN_HERE) if (mention.startsWith(p)) kinds.push(`RUN_HERE ${p}`);
  if (mention in COMPLETED) kinds.push('COMPLETED');
  if (mention in NOT_RUN) kinds.push('NOT_RUN');
  return kinds;
}

/** The one README mention that starts with `prefix` (a RUN_HERE entry). */
function mention(prefix: (typeof RUN_HERE)[number]): string {
  const found = vipadmMentions(README).filter((m) => m.startsWith(prefix));
  assert.equal(found.length, 1, `README shows one "${prefix}…": ${JSON.stringify(found)}`);
  return found[0]!;
}

interface Run {
  lab: Lab;
  binDir: string;
  exports: string[];
  ran: Set<string>;
}

/** Runs `line` (README's, or a completed fragment) on the client host and asserts exit `code`. */
async function run(r: Run, line: string, code = 0, written = line): Promise<Shell> {
  const res = await bash(r.lab, r.binDir, r.exports, line);
  assert.equal(res.code, code, `README: ${written}\nexit ${res.code}: ${res.stderr}${res.stdout}`);
  r.ran.add(written);
  return res;
}

async function json<T>(r: Run, line: string): Promise<T> {
  const res = await bash(r.lab, r.binDir, r.exports, line);
  assert.equal(res.code, 0, `${line}: ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}

interface VipJson {
  spec: { name: string; address: string };
  priorities: { node: string }[];
  holder: string;
  pinned_to: string;
}

/** Pools: `pool add`, `vip add web --pool`, `pool list|get|rm` (refused while web uses it). */
async function pools(r: Run, cluster: VipdCluster): Promise<string> {
  const add = mention('vipadm pool add ');
  const [, pool, prefix4] = /^vipadm pool add (\S+) .*--vip-prefix4 (\d+)/.exec(add) ?? [];
  assert.ok(pool && prefix4, add);
  await run(r, add);
  const before = await json<{ next: string; vips: string[] }>(r, `vipadm -o json pool get ${pool}`);
  assert.ok(before.next, `pool ${pool} offers an address: ${JSON.stringify(before)}`);
  const vipAdd = mention('vipadm vip add web --pool ');
  assert.ok(vipAdd.includes(`--pool ${pool} `) && vipAdd.includes('--interface e0'), vipAdd);
  await run(r, vipAdd);
  const web = await json<VipJson>(r, 'vipadm -o json vip get web');
  // "takes the lowest free address", with the pool's IPv4 prefix.
  assert.equal(web.spec.address, `${before.next.split('/')[0]}/${prefix4}`);
  await cluster.waitHolder(web.spec.address, ['n1', 'n2'], 20_000);

  // `pool list|get|rm` (a pool in use is not removed).
  assert.match(README, /`pool list\|get\|rm` \(a pool in use is not removed\)/);
  const list = await json<{ pools: { name: string; vips: string[] }[] }>(r, 'vipadm -o json pool list');
  assert.deepEqual(list.pools.find((p) => p.name === pool)?.vips, ['web']);
  await run(r, 'vipadm pool list');
  const get = await run(r, `vipadm pool get ${pool}`);
  assert.match(get.stdout, /^vips: +web$/m, get.stdout);
  const rm = await run(r, `vipadm pool rm ${pool}`, 1);
  assert.match(rm.stderr, /in use by 1 VIP \(web\)/, rm.stderr);
  await json(r, `vipadm -o json pool get ${pool}`); // still there
  return web.spec.address;
}

/** `vip move` pins web to the other node; README's `vip unpin web` removes the pin and nothing else. */
async function pinAndUnpin(r: Run, cluster: VipdCluster, address: string): Promise<void> {
  const get = await run(r, COMPLETED['vipadm vip get']!, 0, 'vipadm vip get');
  assert.match(get.stdout, /^why: /m, get.stdout);
  const holder = await cluster.waitHolder(address, ['n1', 'n2'], 5000);
  const other = holder === 'n1' ? 'n2' : 'n1';
  await run(r, `vipadm vip move web --to ${other}`, 0, 'vipadm vip move');
  await aloneOn(cluster, address, other, 'vip move');
  assert.equal((await json<VipJson>(r, 'vipadm -o json vip get web')).pinned_to, other);
  const unpin = mention('vipadm vip unpin ');
  assert.equal(unpin, 'vipadm vip unpin web');
  // "removes the pin and nothing else": the pin goes, and the spec's ranking decides from then on.
  const res = await run(r, unpin);
  assert.match(res.stdout, new RegExp(`^unpinned web from ${other}: `), res.stdout);
  const after = await json<VipJson>(r, 'vipadm -o json vip get web');
  assert.equal(after.pinned_to, '');
  const first = after.priorities[0]?.node;
  assert.ok(first === 'n1' || first === 'n2', JSON.stringify(after.priorities));
  if (first === other) {
    // "web stays where it is"
    assert.match(res.stdout, new RegExp(`^unpinned web from ${other}: ${other} holds it;`), res.stdout);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(await cluster.holders(address, ['n1', 'n2']), [other]);
  } else {
    // "its priorities and preempt decide": the pool example has no --node, so every node is at 100
    // and preempt is on; the ranking's tie-break puts the other node first, and it takes web back.
    await cluster.waitHolder(address, ['n1', 'n2'], 10_000, first);
  }
}

interface ServiceJson {
  spec: {
    vip: string;
    port: number;
    scheduler: string;
    snat: boolean;
    backends: { address: string; port: number; weight: number }[];
    sorry: string;
  };
}

/** README's "Virtual services" block, line by line, on the VIP `front`. */
async function services(r: Run, cluster: VipdCluster): Promise<void> {
  const block = shBlockAfter(README, SERVICES_HEADING);
  assert.ok(block.length >= 3, `found the block: ${JSON.stringify(block)}`);
  // The block's `--vip front` names a VIP it does not add: added here, on the lab's e0.
  await run(r, 'vipadm vip add front --address 198.51.100.100/24 --interface e0 --node n1=150 --node n2=100');
  await cluster.waitHolder('198.51.100.100/24', ['n1', 'n2'], 20_000, 'n1');
  for (const { line } of block) {
    if (line in NOT_RUN) continue;
    const prefix = RUN_HERE.find((p) => line.startsWith(p));
    assert.ok(prefix, `a line of README's services block that is neither run nor listed: ${line}`);
    const res = await run(r, line);
    const name = /^vipadm service (?:backend \S+|add|set|get|rm) ([a-z0-9][a-z0-9-]*)/.exec(line)?.[1];
    if (prefix === 'vipadm service add ') {
      const s = await json<ServiceJson>(r, `vipadm -o json service get ${name}`);
      assert.equal(s.spec.vip, 'front');
      assert.equal(s.spec.port, Number(/--port (\d+)/.exec(line)?.[1]));
      assert.equal(s.spec.scheduler, /--scheduler (\S+)/.exec(line)?.[1]);
      assert.equal(s.spec.snat, line.includes('--snat'));
      const backends = [...line.matchAll(/--backend (\S+)/g)].map((m) => m[1]!.replace(/=\d+$/, ''));
      assert.deepEqual(
        s.spec.backends.map((b) => `${b.address}:${b.port}`),
        backends,
      );
      assert.equal(s.spec.sorry, /--sorry (\S+)/.exec(line)?.[1]);
    } else if (prefix === 'vipadm service list') {
      assert.match(res.stdout, /^web\s/m, res.stdout);
    } else if (prefix === 'vipadm service backend drain ') {
      const target = line.split(/\s+/).at(-1)!;
      const s = await json<ServiceJson>(r, `vipadm -o json service get ${name}`);
      const b = s.spec.backends.find((x) => `${x.address}:${x.port}` === target);
      assert.equal(b?.weight, 0, `${target} drained: ${JSON.stringify(s.spec.backends)}`);
    }
  }
}

/** `import-keepalived keepalived.conf` on docs' web1 example, then `apply -f` of what it printed. */
async function importKeepalived(r: Run, dir: string): Promise<void> {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'migrating-from-keepalived.md'), 'utf8');
  const importing = doc.slice(doc.indexOf('\n## Importing a keepalived.conf\n'));
  const conf = /\n```\n([\s\S]*?)```/.exec(importing)?.[1];
  assert.ok(
    conf !== undefined && conf.includes('router_id web1'),
    'docs/migrating-from-keepalived.md has the web1 example',
  );
  const line = mention('vipadm import-keepalived ');
  const file = /^vipadm import-keepalived (\S+)$/.exec(line)?.[1];
  assert.ok(file !== undefined && !file.includes('/'), line);
  mkdirSync(dir);
  writeFileSync(join(dir, file), conf);
  // bash() keeps stderr only of a failure: this one's goes to a file.
  const res = await run(r, `cd ${dir} && ${line} 2>stderr.txt`, 0, line);
  // "says on stderr, one line each, what it cannot carry"
  const stderr = readFileSync(join(dir, 'stderr.txt'), 'utf8');
  const notCarried = stderr.trim().split('\n');
  assert.ok(notCarried.length >= 1 && notCarried[0] !== '', `stderr: ${stderr}`);
  for (const l of notCarried) assert.ok(l.startsWith(`vipadm: not carried: ${file}:`), l);
  writeFileSync(join(dir, 'imported.yaml'), res.stdout);
  const dry = await run(r, `vipadm apply -f ${dir}/imported.yaml --dry-run`, 0, 'vipadm apply -f');
  assert.match(dry.stdout, /web-v4/, dry.stdout);
  // The file names web1 (router_id), no node of this lab: the coordinator refuses it in one line.
  const refused = await run(r, `vipadm apply -f ${dir}/imported.yaml`, 1, 'vipadm apply -f');
  assert.match(refused.stderr, /web1 is not registered .*start its vipd first/, refused.stderr);
  // The same file for the lab's n1 (`--node`, docs/migrating-from-keepalived.md) is applied. Its
  // interface eth0 is not in the lab and its check chk_nginx not configured: nobody takes them.
  const forN1 = await run(r, `cd ${dir} && ${line} --node n1 2>/dev/null`, 0, line);
  writeFileSync(join(dir, 'imported-n1.yaml'), forN1.stdout);
  await run(r, `vipadm apply -f ${dir}/imported-n1.yaml`, 0, 'vipadm apply -f');
  const { vips } = await json<{ vips: VipJson[] }>(r, 'vipadm -o json vip list');
  const names = vips.map((v) => v.spec.name);
  for (const n of ['web-v4', 'web-v6', 'web', 'front'])
    assert.ok(names.includes(n), `${n} in ${names.join()}`);
}

describe("README's pool, service and import commands (namespace lab)", () => {
  it('every vipadm command README shows is run (here or in readme-commands.test.ts) or listed', () => {
    const runningIt = new Set(readmeCommands(README).map((c) => c.line));
    const mentions = vipadmMentions(README);
    assert.ok(mentions.length >= 15, JSON.stringify(mentions));
    const unclassified = mentions.filter((m) => classify(m, runningIt).length !== 1);
    assert.deepEqual(unclassified, [], 'each vipadm command of README.md: run in one place, or listed');
    for (const p of RUN_HERE) assert.equal(mentions.filter((m) => m.startsWith(p)).length, 1, p);
    for (const f of Object.keys(COMPLETED)) assert.ok(mentions.includes(f), `README still shows \`${f}\``);
    const services = shBlockAfter(README, SERVICES_HEADING).map((c) => c.line);
    for (const n of Object.keys(NOT_RUN)) assert.ok(services.includes(n), `README still shows ${n}`);
  });

  it('each one works as written', { skip, timeout: 240_000 }, async () => {
    const exportLine = readmeCommands(README).find((c) => c.line.startsWith('export VIPADM_'));
    assert.ok(exportLine, "README's Running it block sets VIPADM_SERVER and VIPADM_TOKEN_FILE");
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
      const dirs = readmeLabDirs(lab);
      const { local, binDir } = dirs;
      const r: Run = { lab, binDir, exports: [local(exportLine.line)], ran: new Set() };
      try {
        await startTokensAndCoordinator(lab, dirs);
        for (const h of ['n1', 'n2'] as const) cluster.start(h);
        await pollUntil(
          async () => {
            const nodes = await bash(lab, binDir, r.exports, 'vipadm node list');
            return /^n1 /m.test(nodes.stdout) && /^n2 /m.test(nodes.stdout) ? true : undefined;
          },
          { timeoutMs: 20_000, intervalMs: 200, what: 'vipadm node list to show n1 and n2' },
        );
        const address = await pools(r, cluster);
        await pinAndUnpin(r, cluster, address);
        const help = await run(r, mention('vipadm --help'));
        assert.match(help.stdout, /pool/, help.stdout);
        assert.match(help.stdout, /service/, help.stdout);
        const config = await run(r, mention('vipadm help config'));
        assert.match(config.stdout, /config\.yaml/, config.stdout);
        await services(r, cluster);
        await importKeepalived(r, join(lab.dir, 'import'));
        const runningIt = new Set(readmeCommands(README).map((c) => c.line));
        const missed = vipadmMentions(README).filter(
          (m) => !runningIt.has(m) && !(m in NOT_RUN) && !r.ran.has(m),
        );
        assert.deepEqual(missed, [], 'every vipadm command README shows outside "Running it" was run');
      } catch (err) {
        cluster.printLogTails(['n1', 'n2']);
        throw err;
      } finally {
        await cluster.stopAll();
      }
    });
  });
});
