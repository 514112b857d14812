// The leadership port's reading of leaders/, its change signal and its handover (a fake mirror,
// acquirer and releaser; its etcd writes and reads are @vipd/store's, tested against a real etcd
// there and in the e2e and fault suites).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, describe, it } from 'node:test';
import { monotonicClock } from '@vipd/log';
import {
  type AcquireResult,
  createEtcdClient,
  Keys,
  type MirrorEntry,
  type PrefixMirrorEvents,
} from '@vipd/store';
import { EtcdLeadership, type LeaderMirror, SETTLE_MS } from './etcd-leadership';
import type { ReleaseOutcome } from './leadership-port';
import { Semaphore } from './semaphore';

const keys = new Keys('lab');
const KEY = keys.leader('web');
// Never dialled: only confirmHeld() would use it.
const client = createEtcdClient({ endpoints: ['127.0.0.1:9'], callTimeoutMs: 100, dialTimeoutMs: 100 });
after(() => client.close());

class FakeMirror extends EventEmitter<PrefixMirrorEvents> implements LeaderMirror {
  readonly map = new Map<string, MirrorEntry>();
  revision = '10';
  get(key: string): MirrorEntry | undefined {
    return this.map.get(key);
  }
  /** The watch delivers leaders/web at `rev` (a new entry, as the real mirror makes one). */
  put(value: object | string, create: string, lease = '7'): void {
    const entry = {
      key: KEY,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      createRevision: create,
      modRevision: create,
      lease,
    };
    this.map.set(KEY, entry);
    this.revision = create;
    this.emit('change', KEY, entry);
  }
  delete(rev: string): void {
    this.map.delete(KEY);
    this.revision = rev;
    this.emit('change', KEY, undefined);
  }
}

/** How the fake releaser answers: deleted or not, or a failure. */
type Release = boolean | Error;

function setUp(answer: AcquireResult = { acquired: true, revision: '50' }, release: Release = true) {
  const leaders = new FakeMirror();
  const asked: [string, string][] = [];
  /** What was asked of etcd, in order: deletes, and nothing else here. */
  const released: [string, string][] = [];
  const port = new EtcdLeadership({
    self: 'n1',
    client,
    keys,
    leaders,
    acquirer: {
      acquire: (vip, leaseId) => {
        asked.push([vip, leaseId]);
        return Promise.resolve(answer);
      },
    },
    releaser: {
      release: (vip, revision) => {
        released.push([vip, revision]);
        return release instanceof Error ? Promise.reject(release) : Promise.resolve(release);
      },
    },
    writes: new Semaphore(1),
    callTimeoutMs: 100,
    clock: monotonicClock,
  });
  return { leaders, asked, released, port, web: port.forVip('web') };
}

describe('EtcdLeadership: who holds a VIP', () => {
  it('vacant, then the holder the key names, with its lease and fencing revision', () => {
    const { leaders, web } = setUp();
    assert.equal(web.holder(), undefined);
    leaders.put({ node: 'n2' }, '12', '8');
    assert.deepEqual({ ...web.holder() }, { vip: 'web', node: 'n2', lease: '8', revision: '12' });
    assert.deepEqual(web.lastHolderElsewhere, { node: 'n2', revision: '12' });
    assert.equal(web.holderElsewhere(), 'n2');
  });

  it('our acquisition counts before the watch shows it, and no longer once the watch is past it', async () => {
    const { leaders, asked, web } = setUp();
    assert.deepEqual(await web.acquire('7'), { acquired: true, revision: '50' });
    assert.deepEqual(asked, [['web', '7']]);
    assert.deepEqual(web.holder(), { node: 'n1', lease: '7', revision: '50' });
    // The watch shows our key: that is the holder now.
    leaders.put({ node: 'n1' }, '50');
    assert.equal(web.holder()?.revision, '50');
    // Deleted at 51 (the lease revoked): vacant, the acquisition is not remembered.
    leaders.delete('51');
    assert.equal(web.holder(), undefined);
  });

  it('an acquisition the watch passed without showing it does not count', async () => {
    const { leaders, web } = setUp();
    await web.acquire('7');
    leaders.revision = '50';
    assert.equal(web.holder(), undefined);
  });

  it('a lost acquisition leaves the VIP as it was', async () => {
    const { web } = setUp({ acquired: false });
    assert.deepEqual(await web.acquire('7'), { acquired: false });
    assert.equal(web.holder(), undefined);
  });

  it('a key held by another revision than our acquisition forgets the acquisition', async () => {
    const { leaders, web } = setUp();
    await web.acquire('7');
    leaders.put({ node: 'n2' }, '49', '8');
    assert.equal(web.holder()?.node, 'n2');
    leaders.delete('49'); // the mirror's revision is behind 50, but the acquisition is gone
    assert.equal(web.holder(), undefined);
  });

  it('an unreadable key is held by an unknown node, and says why', () => {
    const { leaders, web } = setUp();
    leaders.put('not json', '12', '8');
    assert.deepEqual(web.holder(), {
      node: '?',
      lease: '8',
      revision: '12',
      problem: 'leader value is not JSON',
    });
    assert.equal(web.holderElsewhere(), undefined);
    assert.equal(web.lastHolderElsewhere, undefined);
  });

  it('a key marked taken over is held by nobody we know; our own marked key is found by its lease', () => {
    const { leaders, web } = setUp();
    leaders.put({ node: 'n1', takeover: { by: 'n2' } }, '12', '7');
    assert.deepEqual(web.holder(), { node: 'taken-over-by-n2', lease: '', revision: '12' });
    assert.equal(web.holderElsewhere(), undefined, 'still our key');
    assert.equal(web.markedOwn('7'), '12');
    assert.equal(web.markedOwn('9'), undefined, 'under another lease: not ours to release');
    leaders.put({ node: 'n3', takeover: { by: 'n2' } }, '13', '8');
    assert.equal(web.holderElsewhere(), 'taken over by n2');
    assert.equal(web.markedOwn('8'), undefined, "n3's key");
    leaders.put({ node: 'n1' }, '14', '7');
    assert.equal(web.markedOwn('7'), undefined, 'not marked');
  });
});

describe('EtcdLeadership: a handover waits for its successor', () => {
  it('until another key appears, plus the settle, within the budget', async () => {
    const { leaders, web } = setUp();
    leaders.put({ node: 'n1' }, '12');
    leaders.delete('13');
    const waiting = web.awaitSuccessor('12', 1000);
    setTimeout(() => leaders.put({ node: 'n2' }, '14', '8'), 30);
    const waited = await waiting;
    assert.ok(waited >= 30 + SETTLE_MS - 5 && waited < 500, `waited ${waited} ms`);
    assert.equal(leaders.listenerCount('change'), 1, "the port's own, none per wait");
  });

  it('no longer than the budget when nobody comes', async () => {
    const { leaders, web } = setUp();
    leaders.delete('13');
    const waited = await web.awaitSuccessor('12', 60);
    assert.ok(waited >= 55 && waited < 500, `waited ${waited} ms`);
    assert.equal(leaders.listenerCount('change'), 1);
  });
});

describe('EtcdLeadership: a handover in one call', () => {
  /** Our key at 12, then a handover of it with `maxMs`; the caller says the address is `up`. */
  function handingOver(release: Release, up: boolean, maxMs = 1000) {
    const t = setUp(undefined, release);
    t.leaders.put({ node: 'n1' }, '12');
    const told: ReleaseOutcome[] = [];
    const order: string[] = [];
    const done = t.web
      .handover('12', maxMs, (outcome) => {
        told.push(outcome);
        order.push('told');
        return up;
      })
      .then((r) => {
        order.push('resolved');
        return r;
      });
    return { ...t, told, order, done };
  }

  it('releases, tells the caller, then waits for the successor and names its revision', async () => {
    const t = handingOver(true, true);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(t.released, [['web', '12']]);
    assert.deepEqual(t.told, [{ deleted: true }]);
    assert.deepEqual(t.order, ['told'], 'still waiting for a successor');
    t.leaders.delete('13');
    t.leaders.put({ node: 'n2' }, '14', '8');
    const wait = await t.done;
    assert.ok(wait, 'waited for a successor');
    assert.equal(wait.successorRevision, '14');
    assert.ok(wait.waitedMs >= SETTLE_MS - 5 && wait.waitedMs < 500, `waited ${wait.waitedMs} ms`);
  });

  it('ends the wait at maxMs when nobody comes, with no successor named', async () => {
    const t = handingOver(true, true, 60);
    t.leaders.delete('13');
    const wait = await t.done;
    assert.ok(wait, 'waited for a successor');
    assert.equal(wait.successorRevision, undefined);
    assert.ok(wait.waitedMs >= 55 && wait.waitedMs < 500, `waited ${wait.waitedMs} ms`);
  });

  it('does not wait when the caller no longer has the address up', async () => {
    const t = handingOver(true, false);
    assert.equal(await t.done, undefined);
    assert.deepEqual(t.told, [{ deleted: true }]);
  });

  it('does not wait when the key was no longer ours (nothing deleted)', async () => {
    const t = handingOver(false, true);
    assert.equal(await t.done, undefined);
    assert.deepEqual(t.told, [{ deleted: false }]);
  });

  it('a failed release is an outcome told to the caller, not a rejection, and nothing is waited for', async () => {
    const failure = new Error('etcd timed out');
    const t = handingOver(failure, true);
    assert.equal(await t.done, undefined);
    assert.deepEqual(t.told, [{ error: failure }]);
    assert.deepEqual(t.order, ['told', 'resolved']);
  });
});

describe("EtcdLeadership: a VIP's change signal", () => {
  it("calls a VIP's listeners on each change of its own leader key only, until stopped", () => {
    const { leaders, port, web } = setUp();
    const calls: string[] = [];
    const stopWeb = web.onChange(() => calls.push('web'));
    web.onChange(() => calls.push('web 2'));
    port.forVip('db').onChange(() => calls.push('db'));
    leaders.put({ node: 'n2' }, '12', '8');
    leaders.emit('change', keys.leader('db'), undefined);
    leaders.emit('change', keys.leader('other'), undefined);
    leaders.delete('13');
    assert.deepEqual(calls, ['web', 'web 2', 'db', 'web', 'web 2']);
    stopWeb();
    stopWeb(); // twice: still only its own
    leaders.put({ node: 'n1' }, '14');
    assert.deepEqual(calls.slice(5), ['web 2']);
    assert.equal(leaders.listenerCount('change'), 1, 'one subscription to the mirror for the node');
  });
});
