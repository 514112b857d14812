/**
 * Start-up cleanup of what an earlier run left when its kernel agent died with it (a SIGKILL of
 * the whole unit: no fence ran), in a namespace lab with real etcd and a real vipd: n1 is left
 * with the VIP's address (vipd's mark) on a virtual-MAC macvlan, the VIP's routes (IPv4 and
 * IPv6) and rule of vipd's protocol, beside a route, a rule and two macvlans that are not vipd's.
 * vipd starts on n1 while the VIP may not be held there (only n2 is eligible, and n2 does not
 * run): vipd's leftovers go, each logged at info, the others stay, nobody holds the VIP. Then n1
 * is made eligible and takes the VIP afresh: macvlan, address, routes and rule are back and the
 * client reaches the VIP.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { VIPD_BIN } from '../harness/paths';
import { pollUntil } from '../harness/proc';
import { type Lab, type NodeHost, withLab } from '../lab';
import { VipdCluster } from './vipd-cluster';

const VIP = '198.51.100.100';
const GATEWAY = '198.51.100.50'; // the client host
const VIPD_PROTO = '118';
const VMAC = '00:00:5e:00:01:33';
const skip = skipUnlessRoot(__filename);

/** vipd's routes (every table, both families), rules and virtual-MAC macvlans on a host. */
async function ours(lab: Lab, host: NodeHost): Promise<string[]> {
  const out: string[] = [];
  for (const f of ['-4', '-6']) {
    const routes = JSON.parse(
      await lab.exec(host, ['ip', f, '-json', 'route', 'show', 'table', 'all', 'proto', VIPD_PROTO]),
    ) as { dst: string; gateway?: string; table?: string }[];
    out.push(...routes.map((r) => `route ${r.dst} via ${r.gateway ?? '-'} table ${r.table ?? 'main'}`));
    const rules = JSON.parse(await lab.exec(host, ['ip', f, '-json', 'rule', 'show'])) as {
      priority: number;
      src?: string;
      table?: string;
      protocol?: string;
    }[];
    out.push(
      ...rules
        .filter((r) => String(r.protocol) === VIPD_PROTO)
        .map((r) => `rule ${r.priority} from ${r.src ?? 'all'} table ${r.table}`),
    );
  }
  const links = JSON.parse(await lab.exec(host, ['ip', '-json', 'address', 'show', 'type', 'macvlan'])) as {
    ifname: string;
    address: string;
    addr_info?: { local: string; prefixlen: number }[];
  }[];
  out.push(
    ...links.map(
      (l) =>
        `link ${l.ifname} ${l.address} ${(l.addr_info ?? [])
          .filter((a) => !a.local.startsWith('fe80:'))
          .map((a) => `${a.local}/${a.prefixlen}`)
          .join(',')}`,
    ),
  );
  return out.sort();
}

/** The interfaces of `host` that carry the VIP's address, whatever their kind. */
async function vipInterfaces(lab: Lab, host: NodeHost): Promise<string[]> {
  const links = JSON.parse(await lab.exec(host, ['ip', '-json', 'address', 'show'])) as {
    ifname: string;
    addr_info?: { local: string }[];
  }[];
  return links.filter((l) => (l.addr_info ?? []).some((a) => a.local === VIP)).map((l) => l.ifname);
}

/**
 * What a SIGKILLed unit (vipd and its agent) leaves on a host, made as the agent makes it, and
 * beside it what is not vipd's: a route of another protocol, a rule of none, a macvlan with
 * another MAC and keepalived's vrrp.52.
 */
async function leaveLeftovers(lab: Lab, host: NodeHost): Promise<void> {
  const leave: string[][] = [
    ['link', 'add', 'link', 'e0', 'name', 'vmac4.51', 'address', VMAC, 'type', 'macvlan', 'mode', 'private'],
    ['link', 'set', 'vmac4.51', 'up'],
    // vipd's mark on an address: metric 0x7669 (iproute2 6.1 cannot set proto).
    [
      'address',
      'add',
      `${VIP}/24`,
      'dev',
      'vmac4.51',
      'valid_lft',
      '300',
      'preferred_lft',
      '0',
      'metric',
      '30313',
    ],
    ['route', 'add', '203.0.113.0/24', 'via', GATEWAY, 'proto', '0x76'],
    ['route', 'add', 'default', 'via', GATEWAY, 'table', '100', 'proto', '0x76'],
    ['-6', 'route', 'add', '2001:db8:5::/48', 'dev', 'e0', 'proto', '0x76', 'table', '100'],
    ['rule', 'add', 'from', `${VIP}/32`, 'table', '100', 'priority', '1000', 'protocol', '0x76'],
    // Not vipd's: another protocol, another MAC, keepalived's name.
    ['route', 'add', '203.0.113.128/25', 'via', GATEWAY, 'table', '100', 'proto', 'static'],
    ['rule', 'add', 'from', '198.51.100.0/24', 'table', '100', 'priority', '1001'],
    ['link', 'add', 'link', 'e0', 'name', 'vmac4.9', 'address', '02:00:00:00:00:09', 'type', 'macvlan'],
    ['link', 'add', 'link', 'e0', 'name', 'vrrp.52', 'address', '00:00:5e:00:01:34', 'type', 'macvlan'],
  ];
  for (const args of leave) await lab.exec(host, ['ip', ...args]);
}

const LEFT = [
  'link vmac4.51 00:00:5e:00:01:33 198.51.100.100/24',
  'link vmac4.9 02:00:00:00:00:09 ',
  'link vrrp.52 00:00:5e:00:01:34 ',
  'route 2001:db8:5::/48 via - table 100',
  'route 203.0.113.0/24 via 198.51.100.50 table main',
  'route default via 198.51.100.50 table 100',
  'rule 1000 from 198.51.100.100 table 100',
];
/** What is not vipd's among them (routes and rules of other protocols are not listed by ours()). */
const OTHERS = ['link vmac4.9 02:00:00:00:00:09 ', 'link vrrp.52 00:00:5e:00:01:34 '];
const REMOVED = [
  'removed a route left by %: 0.0.0.0/0 via 198.51.100.50 dev e0 table 100',
  'removed a route left by %: 2001:db8:5::/48 dev e0 table 100 metric 1024',
  'removed a route left by %: 203.0.113.0/24 via 198.51.100.50 dev e0',
  'removed a rule left by %: 1000: from 198.51.100.100/32 lookup 100',
  'removed a virtual MAC left by %: vmac4.51 (00:00:5e:00:01:33) on e0',
];

/** The route and rule of other protocols are still there. */
async function othersStay(lab: Lab, host: NodeHost): Promise<void> {
  const foreign = await lab.exec(host, ['ip', '-json', 'route', 'show', 'table', '100']);
  assert.match(foreign, /203\.0\.113\.128\/25/, 'the route of another protocol stays');
  assert.match(await lab.exec(host, ['ip', 'rule', 'show']), /1001:\s+from 198\.51\.100\.0\/24 lookup 100/);
}

describe('cleanup of what an earlier run left (namespace lab)', { skip }, () => {
  it(
    "removes vipd's routes, rules and macvlans left behind, nothing else; a fresh take works",
    { timeout: 120_000 },
    async () => {
      await withLab({ nodes: 2, etcd: true }, async (lab) => {
        const endpoint = await lab.startEtcd();
        const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
        const spec = (nodes: Record<string, { priority: number }>) => ({
          name: 'web',
          address: `${VIP}/24`,
          interface: 'e0',
          nodes,
          vmac: 51,
          routes: [
            { to: '203.0.113.0/24', via: GATEWAY },
            { to: 'default', via: GATEWAY, table: 100 },
          ],
          rules: [{ from: `${VIP}/32`, table: 100, priority: 1000 }],
        });
        try {
          await leaveLeftovers(lab, 'n1');
          assert.deepEqual(await ours(lab, 'n1'), LEFT);

          // The VIP may not be held on n1 (only n2 is eligible; n2 does not run).
          await cluster.putVip(spec({ n2: { priority: 100 } }));
          cluster.start('n1');
          await cluster.waitServing(['n1']);
          const others = OTHERS;
          await pollUntil(
            async () => (JSON.stringify(await ours(lab, 'n1')) === JSON.stringify(others) ? true : undefined),
            { timeoutMs: 5000, intervalMs: 20, what: "vipd's leftovers gone from n1" },
          );
          await othersStay(lab, 'n1');
          // On any interface: the leftover address sat on the macvlan, not on e0.
          for (const h of ['n1', 'n2'] as const)
            assert.deepEqual(await vipInterfaces(lab, h), [], `nobody holds the VIP: ${h}`);
          const removed = cluster
            .logs('n1')
            .filter((l) => l.level === 30 && /left by an earlier run$/.test(String(l.msg)))
            .map((l) => `${String(l.msg)}: ${String(l.route ?? l.rule ?? l.vmac)}`)
            .sort();
          assert.deepEqual(
            removed,
            REMOVED.map((l) => l.replace('%', 'an earlier run')),
          );

          // A fresh take on n1 brings everything back.
          await cluster.putVip(spec({ n1: { priority: 150 } }));
          await pollUntil(
            async () =>
              JSON.stringify(await ours(lab, 'n1')) ===
              JSON.stringify(
                [
                  ...others,
                  'link vmac4.51 00:00:5e:00:01:33 198.51.100.100/24',
                  'route 203.0.113.0/24 via 198.51.100.50 table main',
                  'route default via 198.51.100.50 table 100',
                  'rule 1000 from 198.51.100.100 table 100',
                ].sort(),
              )
                ? true
                : undefined,
            { timeoutMs: 10_000, intervalMs: 20, what: 'the VIP, its macvlan, routes and rule on n1' },
          );
          const ping = lab.startPing('cli', VIP, { intervalMs: 10 });
          try {
            await ping.waitForReply(5000);
          } finally {
            await ping.stop();
          }
        } catch (err) {
          cluster.printLogTails(['n1']);
          throw err;
        } finally {
          await cluster.stopAll();
        }
      });
    },
  );
  it(
    "vipd --cleanup (systemd's ExecStopPost) removes them too, nothing else, without etcd",
    { timeout: 60_000 },
    async () => {
      await withLab({ nodes: 2 }, async (lab) => {
        // No etcd: the cleanup needs none.
        const cluster = new VipdCluster(lab, 'http://127.0.0.1:9');
        await leaveLeftovers(lab, 'n1');
        assert.deepEqual(await ours(lab, 'n1'), LEFT);
        const res = await new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile(
            'ip',
            [
              'netns',
              'exec',
              lab.nsName('n1'),
              process.execPath,
              VIPD_BIN,
              '--cleanup',
              '--config',
              cluster.configFile('n1'),
            ],
            { timeout: 20_000 },
            (err, _stdout, stderr) =>
              resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
          );
        });
        assert.equal(res.code, 0, res.stderr);
        assert.deepEqual(await ours(lab, 'n1'), OTHERS);
        await othersStay(lab, 'n1');
        const lines = res.stderr
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.deepEqual(
          lines
            .filter((l) => /^removed a (route|rule|virtual MAC) left by vipd$/.test(String(l.msg)))
            .map((l) => `${String(l.msg)}: ${String(l.route ?? l.rule ?? l.vmac)}`)
            .sort(),
          REMOVED.map((l) => l.replace('%', 'vipd')),
        );
        assert.ok(
          lines.some((l) => l.msg === 'removed a VIP address left by vipd' && l.interface === 'vmac4.51'),
          'the address on the macvlan went first, by itself',
        );
        const done = lines.find((l) => l.msg === 'cleanup done');
        assert.deepEqual([done?.removed, done?.others, done?.failed], [1, 5, 0]);
      });
    },
  );
});
