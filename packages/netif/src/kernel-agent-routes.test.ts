// Routes and rules that come with a VIP (keepalived's virtual_routes, virtual_rules) through the
// kernel agent, on real interfaces: a veth pair in a throwaway network namespace, the agent run
// inside it by a wrapper (as in kernel-agent.test.ts); the table is read back with `ip -n -json`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { InvalidArgumentError, NetifError } from './errors';
import { type AgentFence, DEFAULT_AGENT_BINARY, KernelAgent } from './kernel-agent';
import type { RouteSpec, RuleSpec } from './route-args';

const NS = `vkr-${randomBytes(4).toString('hex')}`;
const DIR = mkdtempSync(join(tmpdir(), 'vipd-agent-routes-'));
const WRAPPER = join(DIR, 'agent-in-ns');
const VIPD_PROTO = 0x76;

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  return undefined;
}

const ipNs = (...args: string[]): string => execFileSync('ip', ['-n', NS, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RouteRow {
  dst: string;
  gateway?: string;
  dev?: string;
  table?: string;
  metric?: number;
  protocol?: string | number;
}
interface RuleRow {
  priority: number;
  src?: string;
  srclen?: number;
  dst?: string;
  dstlen?: number;
  table?: string;
  protocol?: string | number;
}

/** Routes of vipd's protocol in every table, as `dst gateway dev table metric`. */
function ourRoutes(): string[] {
  return (
    JSON.parse(
      ipNs('-4', '-json', 'route', 'show', 'table', 'all', 'proto', String(VIPD_PROTO)),
    ) as RouteRow[]
  )
    .concat(
      JSON.parse(
        ipNs('-6', '-json', 'route', 'show', 'table', 'all', 'proto', String(VIPD_PROTO)),
      ) as RouteRow[],
    )
    .map((r) => [r.dst, r.gateway ?? '-', r.dev ?? '-', r.table ?? 'main', r.metric ?? 0].join(' '))
    .sort();
}

/** Rules of vipd's protocol, both families, as `priority from to table` (a host prefix without its length, as ip shows it). */
function ourRules(): string[] {
  return [
    ...(JSON.parse(ipNs('-4', '-json', 'rule', 'show')) as RuleRow[]),
    ...(JSON.parse(ipNs('-6', '-json', 'rule', 'show')) as RuleRow[]),
  ]
    .filter((r) => String(r.protocol) === String(VIPD_PROTO))
    .map(
      (r) =>
        `${r.priority} ${r.src ?? 'all'}${r.srclen !== undefined ? `/${r.srclen}` : ''} ${r.dst ?? '-'}${r.dstlen !== undefined ? `/${r.dstlen}` : ''} ${r.table}`,
    )
    .sort();
}

const vip = { ifname: 'veth0', address: '198.51.100.10', prefixLen: 24, family: 4, validLftSec: 30 } as const;
const viaRoute: RouteSpec = { family: 4, to: '203.0.113.0/24', via: '198.51.100.1', dev: 'veth0' };
const tableRoute: RouteSpec = { family: 4, to: '0.0.0.0/0', via: '198.51.100.1', table: 100, metric: 7 };
const v6Route: RouteSpec = { family: 6, to: '2001:db8:5::/48', dev: 'veth0', metric: 9 };
const rule: RuleSpec = { family: 4, from: '198.51.100.10/32', table: 100, priority: 1000 };
const rule6: RuleSpec = { family: 6, to: '2001:db8:5::/48', table: 100, priority: 1001 };

void describe('kernel agent: routes and rules with a VIP, on real interfaces', { skip: skipReason() }, () => {
  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ipNs('link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    for (const dev of ['lo', 'veth0', 'veth1']) ipNs('link', 'set', dev, 'up');
    writeFileSync(WRAPPER, `#!/bin/sh\nexec ip netns exec ${NS} ${DEFAULT_AGENT_BINARY} "$@"\n`);
    chmodSync(WRAPPER, 0o755);
  });

  after(() => {
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() failed before creating it
    }
    rmSync(DIR, { recursive: true, force: true });
  });

  void it('adds routes and rules (a rule once), removes them idempotently, and the fence removes them', async () => {
    const agent = new KernelAgent({ binaryPath: WRAPPER });
    const fences: AgentFence[] = [];
    agent.on('fenced', (f: AgentFence) => fences.push(f));
    try {
      assert.equal(await agent.ready, true);
      // In one batch, as vipd sends them: the address first, so the gateway is reachable.
      await Promise.all([
        agent.add(vip),
        agent.addRoute(viaRoute),
        agent.addRoute(tableRoute),
        agent.addRoute(v6Route),
        agent.addRule(rule),
        agent.addRule(rule6),
      ]);
      await agent.addRule(rule); // tracked already: not a second copy
      await agent.addRoute(viaRoute); // a replace
      assert.deepEqual(ourRoutes(), [
        '2001:db8:5::/48 - veth0 main 9',
        '203.0.113.0/24 198.51.100.1 veth0 main 0',
        'default 198.51.100.1 veth0 100 7',
      ]);
      assert.deepEqual(ourRules(), ['1000 198.51.100.10 - 100', '1001 all 2001:db8:5::/48 100']);

      assert.equal(await agent.removeRoute(viaRoute), true);
      assert.equal(await agent.removeRoute(viaRoute), false, 'absent is not an error');
      assert.equal(await agent.removeRule(rule6), true);
      assert.equal(await agent.removeRule(rule6), false);
      assert.equal(ourRoutes().length, 2);
      assert.deepEqual(ourRules(), ['1000 198.51.100.10 - 100']);

      // A gateway no subnet reaches: the kernel's refusal comes back as an error, nothing tracked.
      await assert.rejects(
        agent.addRoute({ family: 4, to: '203.0.113.0/24', via: '192.0.2.1' }),
        (err: unknown) =>
          err instanceof NetifError && /route 203\.0\.113\.0\/24 via 192\.0\.2\.1/.test(err.message),
      );
      await assert.rejects(agent.addRoute({ family: 4, to: '203.0.113.0/24' }), InvalidArgumentError);

      assert.ok(agent.fenceNow());
      const start = Date.now();
      while (fences.length === 0 && Date.now() - start < 3000) await sleep(5);
      assert.equal(fences[0]?.removed, 4, 'the address, two routes and a rule');
      assert.equal(fences[0]?.failed, 0);
      assert.deepEqual(ourRoutes(), [], 'the fence removed the routes');
      assert.deepEqual(ourRules(), [], 'and the rules');
      // What was added again after the fence works, and close() (EOF) fences it too.
      await agent.add(vip);
      await agent.addRoute(viaRoute);
      await agent.addRule(rule);
      assert.equal(ourRoutes().length, 1);
    } finally {
      await agent.close();
    }
    assert.deepEqual(ourRoutes(), [], 'EOF fenced the route');
    assert.deepEqual(ourRules(), [], 'and the rule');
  });

  void it('refuses bad and truncated route and rule commands with an answer, never a crash', async () => {
    const child = spawn(WRAPPER, [], { stdio: ['pipe', 'pipe', 'ignore'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
    const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const cmds = [
      'route-add 1 1 203.0.113.0/24 veth0 - 254 0', // fine: dev only
      'route-add 2 1 203.0.113.0/24 veth0 - 0 0', // table 0
      'route-add 3 1 203.0.113.0/33 veth0 - 254 0', // bad prefix length
      'route-add 4 1 203.0.113.0/24 - - 254 0', // neither dev nor via
      'route-add 5 1 203.0.113.0/24 veth0 2001:db8::1 254 0', // families mixed
      'route-add 6 1 203.0.113.0/24 veth0', // truncated
      'route-add 7 1 203.0.113.0/24 veth0 - 254 4294967296', // metric out of range
      'rule-add 8 1 - - 100 0', // neither from nor to
      'rule-add 9 1 198.51.100.0/24 2001:db8::/64 100 0', // families mixed
      'rule-add 10 1 198.51.100.0/24 - 100', // truncated
      'route-del 11 198.51.100.0/25 veth0 - 254 0', // absent
      'rule-del 12 198.51.100.0/25 - 100 0', // absent
      'route-add 13 9 198.51.100.0/25 veth0 - 254 0', // an old epoch
      'route-add 14 1 203.0.113.0/24 nope0 - 254 0', // no such interface
      'rule-add 15 1 198.51.100.10/32 - 100 500', // fine
    ];
    child.stdin.write(`${cmds.join('\n')}\nroute-add\nrule-del x\nroute-add 16 1 203.0.1`);
    const start = Date.now();
    while (!lines.some((l) => /^(ok|err|absent|stale) 15( |$)/.test(l)) && Date.now() - start < 3000)
      await sleep(5);
    const answers = lines
      .filter((l) => /^(ok|err|absent|stale|untracked) /.test(l))
      .map((l) => l.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(answers, [
      'ok 1',
      'err 2 EINVAL',
      'err 3 EINVAL',
      'err 4 EINVAL',
      'err 5 EINVAL',
      'err 6 EINVAL',
      'err 7 EINVAL',
      'err 8 EINVAL',
      'err 9 EINVAL',
      'err 10 EINVAL',
      'absent 11',
      'absent 12',
      'stale 13 1',
      'err 14 ENODEV',
      'ok 15',
    ]);
    assert.ok(
      lines.some((l) => l.startsWith('log error ignored a malformed command')),
      lines.join('\n'),
    );
    assert.equal(ourRoutes().length, 1);
    assert.equal(ourRules().length, 1);
    child.stdin.end();
    assert.equal(await exit, 0, 'still alive until EOF, then a clean exit');
    assert.ok(
      lines.some((l) => l.startsWith('fenced eof 2 2 0 0 ')),
      lines.join('\n'),
    );
    assert.deepEqual(ourRoutes(), []);
    assert.deepEqual(ourRules(), []);
  });
});
