import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { grpcErrorMessage, tlsProblem } from './errors';

const ctx = { server: 'coord:7500', deadlineMs: 10_000 };
const say = (code: status, details: string) => grpcErrorMessage({ code, details }, ctx);

describe('gRPC status → one line', () => {
  it('maps each code to what the operator should read', () => {
    const cases: [status, string, string][] = [
      [
        status.UNAVAILABLE,
        'No connection established. Last error: Error: connect ECONNREFUSED 10.0.0.1:7500. Resolution note: ',
        'cannot reach the coordinator at coord:7500 (connect ECONNREFUSED 10.0.0.1:7500)',
      ],
      [
        status.UNAVAILABLE,
        'Connection dropped',
        'lost the connection to the coordinator at coord:7500 before it answered; the request may have taken effect (check with vipadm status)',
      ],
      [
        status.UNAVAILABLE,
        'Name resolution failed for target dns:coord:7500',
        'cannot reach the coordinator at coord:7500 (Name resolution failed for target dns:coord:7500)',
      ],
      [
        status.UNAVAILABLE,
        'etcd unreachable: connect ECONNREFUSED 127.0.0.1:2379',
        'the coordinator at coord:7500 is unavailable: etcd unreachable: connect ECONNREFUSED 127.0.0.1:2379; try again',
      ],
      [
        status.DEADLINE_EXCEEDED,
        'Deadline exceeded after 10.002s,LB pick: 0.001s',
        'no answer from the coordinator at coord:7500 within 10 s',
      ],
      [
        status.DEADLINE_EXCEEDED,
        'web did not move to n2 within 10000 ms',
        'timed out: web did not move to n2 within 10000 ms',
      ],
      [
        status.INVALID_ARGUMENT,
        'spec.address: 198.51.100.0/24 is a network address',
        'spec.address: 198.51.100.0/24 is a network address',
      ],
      [status.FAILED_PRECONDITION, 'node n9 is not registered', 'node n9 is not registered'],
      [status.NOT_FOUND, 'VIP web not found', 'VIP web not found'],
      [status.NOT_FOUND, 'web', 'not found: web'],
      [status.NOT_FOUND, '', 'not found'],
      [status.ALREADY_EXISTS, 'VIP web already exists', 'VIP web already exists'],
      [status.ALREADY_EXISTS, 'web', 'already exists: web'],
      [status.ABORTED, 'web changed since revision 41', 'conflict: web changed since revision 41, try again'],
      [status.ABORTED, '', 'conflict: a concurrent update won, try again'],
      [status.PERMISSION_DENIED, 'read-only token', 'permission denied: read-only token'],
      [
        status.UNIMPLEMENTED,
        'The server does not implement the method /vipd.v1.AdminService/MoveVip',
        'the coordinator at coord:7500 does not implement this call (is it older than vipadm?)',
      ],
      [status.INTERNAL, 'boom', 'coordinator error (INTERNAL): boom'],
      [status.UNKNOWN, 'x', 'coordinator error (UNKNOWN): x'],
    ];
    for (const [code, details, expected] of cases) assert.equal(say(code, details), expected, status[code]);
  });

  it('auth: the right hint for no token and for a wrong one; no method names, no metadata syntax', () => {
    const none = (details: string) => grpcErrorMessage({ code: status.UNAUTHENTICATED, details }, ctx);
    const withToken = { ...ctx, token: '--token-file /etc/vipd/op.token' };
    assert.equal(
      none(
        'DeleteVip changes the cluster and needs an operator token (metadata authorization: Bearer <token>)',
      ),
      'not authenticated: the coordinator at coord:7500 needs an operator token to change the cluster; give one with --token-file F, VIPADM_TOKEN_FILE, or token-file in a context (vipadm help config)',
    );
    assert.match(
      none('ListVips needs a token (viewer or operator); this coordinator allows no anonymous reads'),
      /^not authenticated: the coordinator at coord:7500 needs a token \(viewer or operator\); give one with/,
    );
    assert.equal(
      grpcErrorMessage({ code: status.UNAUTHENTICATED, details: 'invalid token' }, withToken),
      "not authenticated: the coordinator at coord:7500 does not accept the token from --token-file /etc/vipd/op.token; check that it is a current token (one in the coordinator's auth.tokens)",
    );
    assert.equal(
      grpcErrorMessage(
        {
          code: status.PERMISSION_DENIED,
          details: 'DeleteVip needs the operator role; view has role viewer',
        },
        { ...ctx, token: 'VIPADM_TOKEN' },
      ),
      "permission denied: the token from VIPADM_TOKEN is view's, with role viewer; changing the cluster needs an operator token",
    );
    for (const [code, details] of [
      [status.UNAUTHENTICATED, 'the authorization metadata must be one "Bearer <token>"'],
      [status.INVALID_ARGUMENT, 'WatchEvents: the request is not a valid WatchEvents message: x'],
      [status.PERMISSION_DENIED, 'MoveVip is not for you'],
    ] as const) {
      for (const c of [ctx, withToken]) {
        const line = grpcErrorMessage({ code, details }, c);
        assert.doesNotMatch(
          line,
          /[A-Z][a-z]+(Vip|Vips|Node|Nodes|Status|Events)\b|authorization|Bearer/,
          line,
        );
      }
    }
  });

  it('always gives one line', () => {
    assert.equal(say(status.INVALID_ARGUMENT, 'first\n  second\n'), 'first second');
  });

  it('names a fractional deadline', () => {
    assert.match(
      grpcErrorMessage({ code: status.DEADLINE_EXCEEDED }, { ...ctx, deadlineMs: 1500 }),
      /within 1\.5 s$/,
    );
  });
});

void describe('tlsProblem', () => {
  void it('reads a refused client certificate the same whether the server closed or reset', () => {
    const hint = 'it closed the TLS connection: is --tls-cert signed by a CA it trusts, and still valid?';
    assert.equal(tlsProblem('failed to connect to all addresses', 'mutual'), hint);
    assert.equal(tlsProblem('read ECONNRESET (2026-11-23T02:12:08.481Z)', 'mutual'), hint);
    assert.equal(tlsProblem('read ECONNRESET', 'server'), undefined);
  });
});
