import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REASON_CLASSES, reasonClass } from './reason-class';

describe('reason classes', () => {
  it('every reason vipd gives has its class; anything else is other', () => {
    const cases: [string, string][] = [
      ['leadership acquired', 'acquired'],
      ['holds the leadership', 'reapplied'],
      ['fenced: no contact with etcd (or with etcd and every peer) in time', 'fenced'],
      ['lease lost', 'lease_lost'],
      ['kernel agent restarted', 'fence_switch'],
      ['fenced by the kernel agent (deadline)', 'fenced'],
      ['yielding to n2, which holds it with the newer revision 12', 'yielded'],
      ['held by n2', 'lost_leadership'],
      ['not holder', 'lost_leadership'],
      ['preempted by n1', 'preempted'],
      ['moved to n2 by an operator', 'moved'],
      ['this node is no longer eligible', 'not_eligible'],
      ['not eligible', 'not_eligible'],
      ['no live etcd session', 'no_session'],
      ['shutting down', 'shutdown'],
      ['spec changed', 'spec_changed'],
      ['something new', 'other'],
    ];
    for (const [reason, cls] of cases) assert.equal(reasonClass(reason), cls, reason);
    assert.deepEqual(new Set(cases.map(([, c]) => c)), new Set(REASON_CLASSES));
  });
});
