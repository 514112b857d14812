import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkTimings,
  fastFenceDeadline,
  PROFILES,
  type PeerReport,
  shouldRevoke,
  suspectMs,
  takeoverWaitMs,
} from './fast-takeover';

const hears = (...suspects: string[]): PeerReport => ({ suspect: false, suspects: new Set(suspects) });
const silent: PeerReport = { suspect: true, suspects: new Set() };

describe('fast takeover arithmetic', () => {
  it('the profiles satisfy the inequalities of docs/fast-takeover.md', () => {
    for (const [name, t] of Object.entries(PROFILES)) {
      assert.deepEqual(checkTimings(t, t.holderFenceMs / 2), [], name);
      assert.ok(takeoverWaitMs(t) >= t.holderFenceMs + t.viewBoundMs + t.slackMs);
    }
    assert.equal(suspectMs(PROFILES.default), 300);
    assert.equal(takeoverWaitMs(PROFILES.default), 450);
    assert.equal(takeoverWaitMs(PROFILES.fast), 120);
  });

  it('flags unsafe timings', () => {
    const t = { ...PROFILES.default, holderFenceMs: 500 };
    assert.match(checkTimings(t, 100).join(), /S ≥ Df does not hold/);
    assert.match(checkTimings(PROFILES.default, 750).join(), /renewal without peers ≤ Df\/2 does not hold/);
  });

  it("fast fence: counts from the first peer's arrival at the earliest", () => {
    const at = (peersSince: number | undefined) =>
      fastFenceDeadline({ lastEtcdOkAt: 1000, echoes: [], hasPeers: true, peersSince, holderFenceMs: 300 });
    assert.equal(at(undefined), 1300);
    assert.equal(at(900), 1300, 'a renewal after the arrival counts');
    assert.equal(at(1600), 1900, 'an older renewal does not fence at once');
  });

  it('fast fence: latest of etcd contact and echoes, only with peers', () => {
    assert.equal(
      fastFenceDeadline({ lastEtcdOkAt: 1000, echoes: [900, 1200], hasPeers: true, holderFenceMs: 300 }),
      1500,
    );
    assert.equal(
      fastFenceDeadline({ lastEtcdOkAt: 1000, echoes: [], hasPeers: true, holderFenceMs: 300 }),
      1300,
    );
    assert.equal(
      fastFenceDeadline({ lastEtcdOkAt: 1000, echoes: [5000], hasPeers: false, holderFenceMs: 300 }),
      undefined,
    );
    assert.equal(
      fastFenceDeadline({ lastEtcdOkAt: undefined, echoes: [], hasPeers: true, holderFenceMs: 300 }),
      undefined,
    );
  });

  it('revokes only when every member it hears also misses the target, and only the first by name', () => {
    const members = new Map([
      ['n1', silent],
      ['n3', hears('n1')],
    ]);
    assert.deepEqual(shouldRevoke({ self: 'n2', target: 'n1', etcdOk: true, members }), { ok: true });
    const r3 = shouldRevoke({
      self: 'n3',
      target: 'n1',
      etcdOk: true,
      members: new Map([
        ['n1', silent],
        ['n2', hears('n1')],
      ]),
    });
    assert.deepEqual(r3, { ok: false, reason: 'n2 revokes' });
  });

  it('does not revoke when some member still hears the holder (asymmetric partition)', () => {
    const r = shouldRevoke({
      self: 'n2',
      target: 'n1',
      etcdOk: true,
      members: new Map([
        ['n1', silent],
        ['n3', hears()],
      ]),
    });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /n3 still hears n1/);
  });

  it('does not revoke when it cannot hear another member, has no etcd, or the target is not silent', () => {
    const cutOff = new Map<string, PeerReport | undefined>([
      ['n1', silent],
      ['n3', silent],
    ]);
    assert.match(
      JSON.stringify(shouldRevoke({ self: 'n2', target: 'n1', etcdOk: true, members: cutOff })),
      /cannot hear n3/,
    );
    assert.match(
      JSON.stringify(
        shouldRevoke({ self: 'n2', target: 'n1', etcdOk: false, members: new Map([['n1', silent]]) }),
      ),
      /no etcd/,
    );
    assert.match(
      JSON.stringify(
        shouldRevoke({ self: 'n2', target: 'n1', etcdOk: true, members: new Map([['n1', hears()]]) }),
      ),
      /not suspect/,
    );
  });
});
