/**
 * `npm run demo`: a throwaway namespace lab (etcd host, three vipd nodes, a client), one VIP,
 * and two failures of its holder, with the client's outage measured by ping every 10 ms.
 * Every line it prints is a template of demo-lines.ts. `--update-readme` also rewrites README.md's
 * copy of the output (between its demo-output markers) with this run's, its date and commit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { type DemoLine, demoLine } from './demo-lines';
import { shortenLabDir, updateReadme } from './demo-readme';
import { REPO_ROOT } from './harness/paths';
import { sleep } from './harness/proc';
import { type Lab, type NodeHost, createLab } from './lab';
import { VipdCluster } from './e2e/vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2', 'n3'];
const VIP = '198.51.100.100';
const CIDR = `${VIP}/24`;

const printed: string[] = [];

function say(key: DemoLine, values?: Record<string, string | number>): void {
  const line = demoLine(key, values);
  printed.push(line);
  process.stdout.write(`${line}\n`);
}

async function holderOf(c: VipdCluster, alive: NodeHost[]): Promise<NodeHost> {
  return c.waitHolder(CIDR, alive, 15_000);
}

async function failover(
  lab: Lab,
  c: VipdCluster,
  alive: NodeHost[],
  what: string,
  fail: (holder: NodeHost) => Promise<void>,
): Promise<NodeHost[]> {
  const holder = await holderOf(c, alive);
  const ping = lab.startPing('cli', VIP);
  await ping.waitForReply(5000);
  await sleep(300);
  say('blank');
  say('failing', { what, holder });
  await fail(holder);
  const rest = alive.filter((h) => h !== holder);
  const next = await holderOf(c, rest);
  const mac = await lab.mac(next);
  for (let i = 0; i < 100 && (await lab.neighbour('cli', VIP)) !== mac; i++) await sleep(50);
  await sleep(500);
  const stats = await ping.stop();
  say('moved', { vip: VIP, next, mac, neighbour: (await lab.neighbour('cli', VIP)) ?? 'none' });
  say('outage', {
    outageMs: Math.round(stats.outageMs),
    lost: stats.sent - stats.received,
    sent: stats.sent,
  });
  return rest;
}

/** The commit the run is from, and whether the tree had other changes than README.md. */
function commitOf(): string {
  const git = (args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no'])
    .split('\n')
    .filter((l) => l !== '' && !l.endsWith(' README.md'));
  return dirty.length > 0 ? `${commit} plus uncommitted changes` : commit;
}

function hostOf(): string {
  const release = readFileSync('/etc/os-release', 'utf8');
  const name = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? 'Linux';
  return `${cpus().length}-core ${name}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const bad = args.find((a) => a !== '--update-readme');
  if (bad !== undefined) {
    process.stderr.write(
      `demo: unknown argument ${JSON.stringify(bad)} (only --update-readme: rewrite README.md's sample output)\n`,
    );
    process.exit(2);
  }
  const update = args.includes('--update-readme');
  if (process.getuid?.() !== 0) {
    process.stderr.write('demo: needs root (it builds network namespaces); run it as root\n');
    process.exit(1);
  }
  const commit = update ? commitOf() : '';
  say('building');
  const lab = await createLab({ nodes: 3, etcd: true });
  const stop = (): void => {
    void lab.destroy().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  try {
    const endpoint = await lab.startEtcd();
    say('etcdUp', { endpoint });
    const c = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
    await c.putVip({
      name: 'web',
      address: CIDR,
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 120 }, n3: { priority: 100 } },
    });
    say('vipWritten', { cidr: CIDR, nodes: NODES.join(', ') });
    for (const h of NODES) c.start(h);
    const holder = await holderOf(c, NODES);
    const pingStart = Date.now();
    const ping = lab.startPing('cli', VIP);
    const firstAnswer = await ping.waitForReply(5000);
    await sleep(300);
    const s0 = await ping.stop();
    say('held', {
      vip: VIP,
      holder,
      mac: await lab.mac(holder),
      firstMs: Math.round(firstAnswer - pingStart),
      outageMs: s0.outageMs,
    });

    let alive = await failover(lab, c, NODES, 'Killing vipd with SIGKILL', (h) => c.signal(h, 'SIGKILL'));
    alive = await failover(lab, c, alive, 'Pulling the network cable', (h) => lab.cutLink(h));
    const last = await holderOf(c, alive);
    const ping2 = lab.startPing('cli', VIP);
    await ping2.waitForReply(5000);
    await sleep(300);
    say('blank');
    say('stopping', { last });
    await c.signal(last, 'SIGTERM');
    await sleep(300);
    const s = await ping2.stop();
    say('noAnswer', { unanswered: s.unansweredAtEnd });
    say('blank');
    say('logs', { dir: lab.dir });
    await c.stopAll();
  } finally {
    await lab.destroy();
  }
  say('removed');
  if (update) {
    const file = join(REPO_ROOT, 'README.md');
    const output = shortenLabDir(printed.join('\n'), lab.dir);
    const date = new Date().toISOString().slice(0, 10);
    writeFileSync(file, updateReadme(readFileSync(file, 'utf8'), { output, date, commit, host: hostOf() }));
    process.stdout.write(`README.md: the demo's sample output is this run's (${date}, ${commit}).\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
