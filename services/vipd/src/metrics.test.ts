import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';
import type { VipTransition } from './hooks';
import type { Reason } from './reason-class';
import type { Kernel } from './kernel';
import { type DaemonParts, PEER_FORGET_MS, VipdMetrics } from './metrics';

/** The value of one sample line (`name{labels}`) in an exposition, undefined if absent. */
function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

const PREFIX = '/vipd/lab/leaders/';

function fakes() {
  const clock = { t: 1000, now: () => clock.t };
  const peers = Object.assign(new EventEmitter(), {
    memberNames: () => ['n2'],
    state: () => ({ suspect: false, lastBeatAt: 990, lastSeenMsAgo: 10 }),
  });
  const checks = Object.assign(new EventEmitter(), { states: () => ({ db: 'up', web: 'down' }) });
  const hooks = new EventEmitter();
  const leaders = Object.assign(new EventEmitter(), { prefix: PREFIX });
  const session = Object.assign(new EventEmitter(), { renewOk: true });
  let held: Record<string, string> = { a: '5' };
  const parts = {
    self: 'n1',
    clock,
    held: () => held,
    vips: () => ['a', 'b'],
    session: () => session,
    peers,
    checks,
    hooks,
    leaders,
  } as unknown as DaemonParts;
  const setHeld = (h: Record<string, string>) => (held = h);
  return { clock, peers, checks, hooks, leaders, session, parts, setHeld };
}

function transition(vip: string, state: VipTransition['state'], reason: Reason): VipTransition {
  return {
    vip,
    state,
    reason: reason.text,
    reasonClass: reason.class,
    address: '198.51.100.100',
    prefixLen: 24,
    interface: 'e0',
    revision: '7',
  };
}

const ACQUIRED: Reason = { class: 'acquired', text: 'leadership acquired' };
const X: Reason = { class: 'other', text: 'x' };

const leaderEntry = (node: string, takeover?: string) => ({
  key: `${PREFIX}a`,
  value: JSON.stringify({ node, ...(takeover ? { takeover: { by: takeover } } : {}) }),
  lease: '1',
  createRevision: '9',
  modRevision: '9',
});

async function scrape(m: VipdMetrics): Promise<string> {
  const { contentType, body } = await m.render();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  return body;
}

describe('vipd metrics', () => {
  it('VIPs held: the total and one 0/1 series per configured VIP; readiness and etcd', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '1.2.3', defaultMetrics: false });
    m.attach(f.parts);
    m.setReady(true);
    let text = await scrape(m);
    assert.equal(sample(text, 'vipd_vips_held'), 1);
    assert.equal(sample(text, 'vipd_vips_configured'), 2);
    assert.equal(sample(text, 'vipd_vip_held{vip="a"}'), 1);
    assert.equal(sample(text, 'vipd_vip_held{vip="b"}'), 0);
    assert.equal(sample(text, 'vipd_ready'), 1);
    assert.equal(sample(text, 'vipd_etcd_connected'), 1);
    assert.equal(sample(text, 'vipd_build_info{version="1.2.3"}'), 1);
    f.setHeld({});
    f.session.renewOk = false;
    text = await scrape(m);
    assert.equal(sample(text, 'vipd_vips_held'), 0);
    assert.equal(sample(text, 'vipd_vip_held{vip="a"}'), 0);
    assert.equal(sample(text, 'vipd_etcd_connected'), 0);
  });

  it('BGP mode: session up per peer, routes announced, gobgpd running', async () => {
    const m = new VipdMetrics(silentLogger(), { version: '1', defaultMetrics: false });
    let snap = {
      running: true,
      peers: [
        { address: '198.51.100.1', state: 'ESTABLISHED' },
        { address: '198.51.100.2', state: 'ACTIVE' },
      ],
      announced: ['203.0.113.200/32'],
    };
    m.watchBgp(() => snap);
    let text = await scrape(m);
    assert.equal(sample(text, 'vipd_bgp_session_up{peer="198.51.100.1"}'), 1);
    assert.equal(sample(text, 'vipd_bgp_session_up{peer="198.51.100.2"}'), 0);
    assert.equal(sample(text, 'vipd_bgp_routes_announced'), 1);
    assert.equal(sample(text, 'vipd_bgp_speaker_running'), 1);
    snap = { running: false, peers: [{ address: '198.51.100.1', state: 'DOWN' }], announced: [] };
    text = await scrape(m);
    assert.equal(sample(text, 'vipd_bgp_session_up{peer="198.51.100.1"}'), 0);
    assert.equal(sample(text, 'vipd_bgp_session_up{peer="198.51.100.2"}'), undefined);
    assert.equal(sample(text, 'vipd_bgp_routes_announced'), 0);
    assert.equal(sample(text, 'vipd_bgp_speaker_running'), 0);
  });

  it('transitions by state and reason class, never the free-text reason', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0', defaultMetrics: false });
    m.attach(f.parts);
    m.transition(transition('a', 'master', ACQUIRED));
    m.transition(transition('a', 'backup', { class: 'lost_leadership', text: 'held by n2' }));
    m.transition(
      transition('a', 'fault', {
        class: 'fenced',
        text: 'fenced: no contact with etcd (or with etcd and every peer) in time',
      }),
    );
    m.transition(
      transition('a', 'backup', {
        class: 'yielded',
        text: 'yielding to n3, which holds it with the newer revision 12',
      }),
    );
    m.transition(transition('a', 'backup', { class: 'preempted', text: 'preempted by n3' }));
    const text = await scrape(m);
    const t = (state: string, cls: string) =>
      sample(text, `vipd_vip_transitions_total{vip="a",state="${state}",reason_class="${cls}"}`);
    assert.equal(t('master', 'acquired'), 1);
    assert.equal(t('backup', 'lost_leadership'), 1);
    assert.equal(t('fault', 'fenced'), 1);
    assert.equal(t('backup', 'yielded'), 1);
    assert.equal(t('backup', 'preempted'), 1);
    assert.doesNotMatch(text, /n3|newer revision/);
  });

  it('failover duration: from the leader key seen vacant or taken over to the address up here', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0', defaultMetrics: false });
    m.attach(f.parts);
    // Up without a vacancy seen (cold start, re-applied after a fence): not a failover.
    m.transition(transition('a', 'master', { class: 'reapplied', text: 'holds the leadership' }));
    // Marked taken over at 1000, deleted at 1100, our key seen at 1150, address up at 1250.
    f.leaders.emit('change', `${PREFIX}a`, leaderEntry('n2', 'n1'));
    f.clock.t = 1100;
    f.leaders.emit('change', `${PREFIX}a`, undefined);
    f.clock.t = 1150;
    f.leaders.emit('change', `${PREFIX}a`, leaderEntry('n1'));
    f.clock.t = 1250;
    m.transition(transition('a', 'master', ACQUIRED));
    // Vacant again, but another node takes it: nothing for us to measure.
    f.leaders.emit('change', `${PREFIX}a`, undefined);
    f.leaders.emit('change', `${PREFIX}a`, leaderEntry('n3'));
    f.clock.t = 5000;
    m.transition(transition('a', 'master', ACQUIRED));
    const text = await scrape(m);
    assert.equal(sample(text, 'vipd_failover_seconds_count'), 1);
    assert.equal(sample(text, 'vipd_failover_seconds_sum'), 0.25);
    assert.equal(sample(text, 'vipd_failover_seconds_bucket{le="0.2"}'), 0);
    assert.equal(sample(text, 'vipd_failover_seconds_bucket{le="0.3"}'), 1);
  });

  it('heartbeats per peer: round trip, misses, suspicions, last seen; a removed peer is forgotten later', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0', defaultMetrics: false });
    m.attach(f.parts);
    f.peers.emit('rtt', 'n2', 0.8);
    f.peers.emit('rtt', 'n2', 3);
    f.peers.emit('missed', 'n2', 4);
    f.peers.emit('suspect', 'n2');
    let text = await scrape(m);
    assert.equal(sample(text, 'vipd_heartbeat_rtt_seconds_count{peer="n2"}'), 2);
    assert.equal(sample(text, 'vipd_heartbeat_rtt_seconds_bucket{le="0.001",peer="n2"}'), 1);
    assert.equal(sample(text, 'vipd_heartbeat_missed_total{peer="n2"}'), 4);
    assert.equal(sample(text, 'vipd_heartbeat_suspect_total{peer="n2"}'), 1);
    assert.equal(sample(text, 'vipd_heartbeat_peer_up{peer="n2"}'), 1);
    assert.equal(sample(text, 'vipd_heartbeat_last_seen_seconds{peer="n2"}'), 0.01);
    f.peers.emit('removed', 'n2');
    f.peers.memberNames = () => [];
    text = await scrape(m);
    assert.equal(sample(text, 'vipd_heartbeat_suspect_total{peer="n2"}'), 1, 'kept a while after it left');
    assert.equal(sample(text, 'vipd_heartbeat_peer_up{peer="n2"}'), undefined, 'not a member any more');
    f.clock.t += PEER_FORGET_MS;
    text = await scrape(m);
    assert.equal(sample(text, 'vipd_heartbeat_rtt_seconds_count{peer="n2"}'), undefined);
    assert.equal(sample(text, 'vipd_heartbeat_missed_total{peer="n2"}'), undefined);
  });

  it('lease renewals, fences and losses of every session', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0', defaultMetrics: false });
    m.attach(f.parts);
    m.watchSession(f.session as never);
    f.session.emit('renewed', 0, { keepaliveMs: 2, totalMs: 4 });
    f.session.emit('renewed', 0, { keepaliveMs: 30, totalMs: 60 });
    f.session.emit('renewFailed', new Error('x'));
    f.session.emit('fenced');
    f.session.emit('lost', new Error('gone'));
    const text = await scrape(m);
    assert.equal(sample(text, 'vipd_lease_keepalive_seconds_count'), 2);
    assert.equal(sample(text, 'vipd_lease_keepalive_seconds_bucket{le="0.0025"}'), 1);
    assert.equal(sample(text, 'vipd_lease_renewal_seconds_sum'), 0.064);
    assert.equal(sample(text, 'vipd_lease_renewals_total{result="ok"}'), 2);
    assert.equal(sample(text, 'vipd_lease_renewals_total{result="failed"}'), 1);
    assert.equal(sample(text, 'vipd_fenced_total'), 1);
    assert.equal(sample(text, 'vipd_lease_lost_total'), 1);
  });

  it('checks, hooks, announcements and duplicate-owner probes', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0', defaultMetrics: false });
    m.attach(f.parts);
    f.checks.emit('result', 'db', { ok: true, timedOut: false }, 'up');
    f.checks.emit('result', 'web', { ok: false, timedOut: true }, 'down');
    f.hooks.emit('finished', transition('a', 'master', X), { ok: false, timedOut: true, durationMs: 1500 });
    f.hooks.emit('finished', transition('a', 'backup', X), { ok: true, timedOut: false, durationMs: 20 });
    const base = {
      announce: async (_i: string, _s: VipSpec, count: number) => count,
      probeOwners: async () => ['02:00:00:00:00:09'],
      link: async () => ({ ready: true }),
    } as unknown as Kernel;
    const k = m.countingKernel(base);
    const signal = new AbortController().signal;
    assert.equal(await k.announce('e0', { family: 4 } as VipSpec, 3, 10, signal), 3);
    await k.announce('e0', { family: 6 } as VipSpec, 2, 10, signal);
    await k.probeOwners('e0', { family: 4 } as VipSpec, 10);
    assert.deepEqual(await k.link('e0'), { ready: true }, 'other kernel calls pass through');
    const text = await scrape(m);
    assert.equal(sample(text, 'vipd_check_up{check="db"}'), 1);
    assert.equal(sample(text, 'vipd_check_up{check="web"}'), 0);
    assert.equal(sample(text, 'vipd_check_runs_total{check="db",result="ok"}'), 1);
    assert.equal(sample(text, 'vipd_check_runs_total{check="web",result="timeout"}'), 1);
    assert.equal(sample(text, 'vipd_hook_runs_total{state="master",result="timeout"}'), 1);
    assert.equal(sample(text, 'vipd_hook_runs_total{state="backup",result="ok"}'), 1);
    assert.equal(sample(text, 'vipd_hook_duration_seconds_count{state="master"}'), 1);
    assert.equal(sample(text, 'vipd_announcements_total{kind="garp"}'), 3);
    assert.equal(sample(text, 'vipd_announcements_total{kind="na"}'), 2);
    assert.equal(sample(text, 'vipd_duplicate_owner_probes_total{result="duplicate"}'), 1);
  });

  it('a part that throws costs its series, never the scrape or the caller', async () => {
    const f = fakes();
    const m = new VipdMetrics(silentLogger(), { version: '0' });
    m.attach({
      ...f.parts,
      held: () => {
        throw new Error('boom');
      },
    });
    assert.doesNotThrow(() => m.transition({ ...transition('a', 'master', X), state: 'bogus' as never }));
    const text = await scrape(m);
    assert.equal(sample(text, 'vipd_vips_configured'), 2);
    assert.ok(sample(text, 'process_cpu_user_seconds_total') !== undefined, 'default process metrics');
  });
});
