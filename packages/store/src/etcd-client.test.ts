import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metadata } from '@grpc/grpc-js';
import { callOptionsFor, requireLeader } from './etcd-client';

describe('etcd call options', () => {
  it('a Watch stream requires a leader; a lease keepalive stream does not; a unary call has a deadline', () => {
    assert.deepEqual(callOptionsFor({ isStream: true, service: 'Watch' }, 1000), {
      interceptors: [requireLeader],
    });
    assert.deepEqual(callOptionsFor({ isStream: true, service: 'Lease' }, 1000), {});
    const before = Date.now();
    const unary = callOptionsFor({ isStream: false, service: 'KV' }, 1000);
    assert.equal(unary.interceptors, undefined);
    assert.ok(unary.deadline! >= before + 1000 && unary.deadline! <= Date.now() + 1000);
  });

  it('requireLeader sends hasleader: true, so a member cut off from its quorum ends the watch', () => {
    let sent: Metadata | undefined;
    const next = {
      start: (metadata: Metadata) => {
        sent = metadata;
      },
    } as unknown as ReturnType<Parameters<typeof requireLeader>[1]>;
    const call = requireLeader({ method_definition: {} } as never, () => next);
    call.start(new Metadata(), {});
    assert.deepEqual(sent?.get('hasleader'), ['true']);
  });
});
