// The rendered rulesets against the real kernel, in a throwaway network namespace (root only):
// every shape is accepted, a change replaces the old rules in one transaction, a refused script
// changes nothing, and clear() leaves no vipd table behind. Nothing touches the root namespace.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LbApplyError } from './errors';
import { NftDataPlane, runNftScript } from './nft';
import type { LbService } from './types';

const NS = `vlb-${randomBytes(4).toString('hex')}`;

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  try {
    execFileSync('nft', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'needs nftables (`nft`) on PATH';
  }
  return undefined;
}

const ruleset = () =>
  execFileSync('ip', ['netns', 'exec', NS, 'nft', 'list', 'ruleset'], { encoding: 'utf8' });

const svc = (name: string, extra: Partial<LbService> = {}): LbService => ({
  name,
  vip: '198.51.100.100',
  family: 4,
  protocol: 'tcp',
  port: 80,
  scheduler: 'rr',
  mode: 'nat',
  snat: false,
  device: 'e0',
  backends: [
    { address: '198.51.100.11', port: 80, weight: 1 },
    { address: '198.51.100.12', port: 80, weight: 2 },
  ],
  ...extra,
});

const preroutingHandle = () =>
  /chain prerouting \{ # handle (\d+)/.exec(
    execFileSync('ip', ['netns', 'exec', NS, 'nft', '-a', 'list', 'table', 'inet', 'vipd_svc'], {
      encoding: 'utf8',
    }),
  )?.[1];

void describe('nftables data plane in a network namespace', { skip: skipReason() }, () => {
  const plane = new NftDataPlane({ nft: ['ip', 'netns', 'exec', NS, 'nft'] });
  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    execFileSync('ip', ['-n', NS, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1']);
    execFileSync('ip', ['-n', NS, 'link', 'set', 'e0', 'up']);
  });
  after(() => {
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() failed before creating it
    }
  });

  void it('accepts every scheduler, mode, family, sorry and snat shape in one transaction', async () => {
    await plane.apply([
      svc('rr'),
      svc('wrr', { scheduler: 'wrr', port: 81 }),
      svc('sh', { scheduler: 'sh', port: 82, snat: true }),
      svc('random', { scheduler: 'random', port: 83, protocol: 'udp' }),
      svc('dr', { mode: 'dr', port: 84 }),
      svc('dr-sh', { mode: 'dr', scheduler: 'sh', port: 85 }),
      svc('one', { mode: 'dr', port: 86, backends: [{ address: '198.51.100.11', port: 86, weight: 1 }] }),
      svc('sorry', { port: 87, backends: [], sorry: { address: '198.51.100.99', port: 80 } }),
      svc('six', {
        vip: '2001:db8::100',
        family: 6,
        backends: [{ address: '2001:db8::11', port: 80, weight: 1 }],
      }),
      svc('six-dr', {
        vip: '2001:db8::100',
        family: 6,
        mode: 'dr',
        port: 88,
        backends: [
          { address: '2001:db8::11', port: 88, weight: 1 },
          { address: '2001:db8::12', port: 88, weight: 1 },
        ],
      }),
    ]);
    const text = ruleset();
    assert.match(text, /table inet vipd_svc/);
    assert.match(text, /table netdev vipd_svc_dr/);
    assert.match(text, /fwd ip6 to jhash ip6 saddr \. tcp sport mod 2/);
    assert.match(text, /dnat ip to 198\.51\.100\.99:80/);
  });

  void it('replaces the old rules wholesale, and a refused script changes nothing', async () => {
    await plane.apply([svc('only')]);
    let text = ruleset();
    assert.match(text, /goto svc_only/);
    assert.doesNotMatch(text, /svc_wrr|ingress_|fwd/, 'chains no longer wanted are gone');
    await assert.rejects(
      runNftScript(
        'add table inet vipd_svc\ndelete table inet vipd_svc\ntable inet vipd_svc { chain x { nonsense } }\n',
        {
          nft: ['ip', 'netns', 'exec', NS, 'nft'],
        },
      ),
      (err: unknown) => err instanceof LbApplyError && /nft refused the ruleset/.test(err.message),
    );
    text = ruleset();
    assert.match(text, /goto svc_only/, 'the running rules stay');
    // Updates keep the NAT base chains (a re-created hook is not seamless for new connections).
    const handle = preroutingHandle();
    await plane.apply([svc('only', { scheduler: 'wrr' }), svc('more', { port: 81 })]);
    assert.equal(preroutingHandle(), handle);
    assert.match(ruleset(), /goto svc_more/);
    // DR services added and removed by updates too.
    await plane.apply([svc('more', { port: 81 }), svc('dr', { mode: 'dr', port: 84 })]);
    assert.match(ruleset(), /fwd ip to jhash ip saddr \. tcp sport mod 2/);
    await plane.apply([svc('more', { port: 81 })]);
    assert.doesNotMatch(ruleset(), /fwd|chain svc_dr/);
    assert.equal(preroutingHandle(), handle);
    await plane.clear();
    assert.doesNotMatch(ruleset(), /vipd_svc/);
  });
});
