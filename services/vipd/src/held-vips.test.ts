import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldVips, type HoldingVip } from './held-vips';

function vip(name: string, holding?: string, failsafe = false, carriedUntil = -Infinity): HoldingVip {
  return { name, holding, heldUnderFailsafeSpec: failsafe && holding !== undefined, carriedUntil };
}

function setUp(...vips: HoldingVip[]) {
  let now = 0;
  const controllers = new Map(vips.map((v) => [v.name, v]));
  const held = new HeldVips(controllers, { now: () => now });
  return { controllers, held, advance: (ms: number) => (now += ms) };
}

describe('held VIPs', () => {
  it('beats list the VIPs up here with their revisions, in controller order', () => {
    const { held } = setUp(vip('a', '7'), vip('b'), vip('c', '12'));
    assert.deepEqual(held.heldList(), [
      { name: 'a', revision: '7' },
      { name: 'c', revision: '12' },
    ]);
    assert.deepEqual(held.held(), { a: '7', c: '12' });
  });

  it('the same array while nothing changed; a new one on a new revision, a drop or a new hold', () => {
    const { controllers, held } = setUp(vip('a', '7'), vip('b'), vip('c', '12'));
    const first = held.heldList();
    assert.equal(held.heldList(), first);
    controllers.set('c', vip('c', '13'));
    const second = held.heldList();
    assert.notEqual(second, first);
    assert.deepEqual(second, [
      { name: 'a', revision: '7' },
      { name: 'c', revision: '13' },
    ]);
    controllers.set('a', vip('a'));
    assert.deepEqual(held.heldList(), [{ name: 'c', revision: '13' }]);
    controllers.set('b', vip('b', '20'));
    assert.deepEqual(held.heldList(), [
      { name: 'b', revision: '20' },
      { name: 'c', revision: '13' },
    ]);
    controllers.clear();
    assert.deepEqual(held.heldList(), []);
    assert.deepEqual(held.held(), {});
  });

  it('the count is kept for a second (asked on every reconcile), then read again', () => {
    const { controllers, held, advance } = setUp(vip('a', '7'), vip('b'));
    assert.equal(held.heldCount(), 1);
    controllers.set('b', vip('b', '8'));
    advance(1000);
    assert.equal(held.heldCount(), 1, 'still the count of a second ago');
    advance(1);
    assert.equal(held.heldCount(), 2);
  });

  it('failsafe VIPs are the held ones whose spec says failsafe; carriedUntil is the latest carry', () => {
    const { held } = setUp(
      vip('a', '7', true, 500),
      vip('b', undefined, true),
      vip('c', '9', false, 900),
      vip('d', '10', true),
    );
    assert.deepEqual([...held.failsafeVips()], ['a', 'd']);
    assert.equal(held.carriedUntil(), 900);
    assert.equal(setUp(vip('a', '7')).held.carriedUntil(), -Infinity);
  });
});
