/**
 * `npm run demo`: a throwaway namespace lab (etcd host, three vipd nodes, a client), one VIP,
 * and two failures of its holder, with the client's outage measured by ping every 10 ms.
 */
import { sleep } from './harness/proc';
import { type Lab, type NodeHost, createLab } from './lab';
import { VipdCluster } from './e2e/vipd-cluster';

const NODES: NodeHost[] = ['n1', 'n2', 'n3'];
const VIP = '198.51.100.100';
const CIDR = `${VIP}/24`;

function say(line: string): void {
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
  say(`\n${what} on ${holder} (the holder) ...`);
  await fail(holder);
  const rest = alive.filter((h) => h !== holder);
  const next = await holderOf(c, rest);
  const mac = await lab.mac(next);
  for (let i = 0; i < 100 && (await lab.neighbour('cli', VIP)) !== mac; i++) await sleep(50);
  await sleep(500);
  const stats = await ping.stop();
  say(
    `  ${VIP} moved to ${next} (${mac}); the client's ARP entry follows: ${await lab.neighbour('cli', VIP)}`,
  );
  say(
    `  client outage: ${Math.round(stats.outageMs)} ms (${stats.sent - stats.received} of ${stats.sent} pings lost)`,
  );
  return rest;
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    process.stderr.write('demo: needs root (it builds network namespaces); run it as root\n');
    process.exit(1);
  }
  say('Building a lab: a bridge, an etcd host, three vipd nodes (n1 150, n2 120, n3 100), a client.');
  const lab = await createLab({ nodes: 3, etcd: true });
  const stop = (): void => {
    void lab.destroy().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  try {
    const endpoint = await lab.startEtcd();
    say(`etcd is up at ${endpoint} inside the lab.`);
    const c = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
    await c.putVip({
      name: 'web',
      address: CIDR,
      interface: 'e0',
      nodes: { n1: { priority: 150 }, n2: { priority: 120 }, n3: { priority: 100 } },
    });
    say(`VIP "web" ${CIDR} written to etcd; starting vipd on ${NODES.join(', ')}.`);
    for (const h of NODES) c.start(h);
    const holder = await holderOf(c, NODES);
    const pingStart = Date.now();
    const ping = lab.startPing('cli', VIP);
    const firstAnswer = await ping.waitForReply(5000);
    await sleep(300);
    const s0 = await ping.stop();
    say(
      `${VIP} is held by ${holder} (${await lab.mac(holder)}); the client pings it every 10 ms: ` +
        `first answer after ${Math.round(firstAnswer - pingStart)} ms, no loss since (${s0.outageMs} ms).`,
    );

    let alive = await failover(lab, c, NODES, 'Killing vipd with SIGKILL', (h) => c.signal(h, 'SIGKILL'));
    alive = await failover(lab, c, alive, 'Pulling the network cable', (h) => lab.cutLink(h));
    const last = await holderOf(c, alive);
    const ping2 = lab.startPing('cli', VIP);
    await ping2.waitForReply(5000);
    await sleep(300);
    say(`\nStopping vipd on ${last} cleanly (SIGTERM): nothing else can hold the VIP, so it goes away.`);
    await c.signal(last, 'SIGTERM');
    await sleep(300);
    const s = await ping2.stop();
    say(`  the client now gets no answer (${s.unansweredAtEnd} pings unanswered at the end), as expected.`);
    say(`\nLogs and configs were in ${lab.dir}; cleaning up.`);
    await c.stopAll();
  } finally {
    await lab.destroy();
  }
  say('Lab removed.');
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
