import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddRefusals, mergeUnready } from './add-refusals';

describe('VIPs the kernel refused', () => {
  it('stay refused until their spec changes', () => {
    const r = new AddRefusals();
    assert.equal(r.refuse('web', 'the kernel refused it on e0: Invalid argument'), true);
    assert.equal(r.refuse('web', 'again'), false, 'known already');
    assert.deepEqual([...r.unready()], [['web', 'again']]);
    assert.equal(r.clear('web'), true);
    assert.equal(r.clear('web'), false);
    assert.equal(r.unready().size, 0);
  });

  it("merges with the services' unready VIPs, theirs first", () => {
    const services = new Map([['web', 'below quorum']]);
    const refused = new Map([
      ['web', 'refused'],
      ['db', 'refused'],
    ]);
    assert.deepEqual([...mergeUnready(services, refused)].sort(), [
      ['db', 'refused'],
      ['web', 'below quorum'],
    ]);
    assert.equal(mergeUnready(undefined, refused), refused);
  });
});
