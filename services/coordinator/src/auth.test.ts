import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import { Metadata, status as Status } from '@grpc/grpc-js';
import { loadAdminProto } from '@vipd/proto';
import { requestFields } from './audit';
import { Authorizer, METHOD_KINDS, roleFromCertificate } from './auth';
import { ConfigError } from './config';
import { ApiError } from './errors';
import { loadTokens, type TokenFileAccess, tokenDigest } from './tokens';

const OPS = 'ops-token-0123456789abcdef';
const VIEW = 'view-token-0123456789abcdef';

const md = (authorization?: string | string[]): Metadata => {
  const m = new Metadata();
  for (const a of [authorization ?? []].flat()) m.add('authorization', a);
  return m;
};

const code = (fn: () => unknown): Status | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    return err.code;
  }
};

describe('Authorizer', () => {
  const auth = (anonymous: 'none' | 'viewer' = 'none') =>
    new Authorizer({
      anonymous,
      tokens: [
        { name: 'ops', role: 'operator', digest: tokenDigest(OPS) },
        { name: 'ro', role: 'viewer', digest: tokenDigest(VIEW) },
      ],
      certRole: roleFromCertificate,
    });

  it('classifies every AdminService method of admin.proto as a read or a write', () => {
    const methods = Object.keys(loadAdminProto().AdminService.service).sort();
    assert.deepEqual(methods, Object.keys(METHOD_KINDS).sort());
  });

  it('identifies tokens; refuses malformed, repeated and unknown ones', () => {
    assert.deepEqual(auth().identify({ metadata: md(`Bearer ${OPS}`) }), {
      who: 'ops',
      role: 'operator',
      via: 'token',
    });
    assert.equal(auth().identify({ metadata: md(`Bearer ${VIEW}`) }).role, 'viewer');
    for (const bad of [`Bearer ${OPS}x`, `bearer ${OPS}`, `Basic ${OPS}`, `Bearer  ${OPS}`, 'Bearer', '']) {
      assert.equal(
        code(() => auth().identify({ metadata: md(bad) })),
        Status.UNAUTHENTICATED,
        bad,
      );
    }
    const two = md([`Bearer ${OPS}`, `Bearer ${VIEW}`]);
    assert.equal(
      code(() => auth().identify({ metadata: two })),
      Status.UNAUTHENTICATED,
    );
  });

  it('lets operators write, viewers read, anonymous read only when allowed, and never write', () => {
    const a = auth();
    const ops = a.identify({ metadata: md(`Bearer ${OPS}`) });
    const ro = a.identify({ metadata: md(`Bearer ${VIEW}`) });
    const anon = a.identify({ metadata: md() });
    const anonViewer = auth('viewer').identify({ metadata: md() });
    for (const [method, kind] of Object.entries(METHOD_KINDS)) {
      assert.equal(
        code(() => a.authorize(ops, method)),
        undefined,
      );
      assert.equal(
        code(() => a.authorize(ro, method)),
        kind === 'write' ? Status.PERMISSION_DENIED : undefined,
      );
      assert.equal(
        code(() => a.authorize(anon, method)),
        Status.UNAUTHENTICATED,
      );
      assert.equal(
        code(() => a.authorize(anonViewer, method)),
        kind === 'write' ? Status.UNAUTHENTICATED : undefined,
      );
    }
    assert.equal(
      code(() => a.authorize(ro, 'SomeFutureCall')),
      Status.PERMISSION_DENIED,
      'unknown = write',
    );
  });

  it('takes a role from a verified certificate SAN when no token is given', () => {
    const cert = {
      subject: { CN: 'alice' },
      subjectaltname: 'DNS:alice.example, URI:vipd-role:operator',
      raw: Buffer.from('verified'),
    } as unknown as PeerCertificate;
    assert.deepEqual(auth().identify({ metadata: md(), peerCertificate: cert }), {
      who: 'cert:alice',
      role: 'operator',
      via: 'certificate',
    });
    const noRole = {
      subject: { CN: 'bob' },
      subjectaltname: 'DNS:bob',
      raw: Buffer.from('verified'),
    } as unknown as PeerCertificate;
    assert.equal(auth().identify({ metadata: md(), peerCertificate: noRole }).via, 'anonymous');
    const fake = {
      subjectaltname: 'URI:vipd-role:admin',
      raw: Buffer.from('verified'),
    } as unknown as PeerCertificate;
    assert.equal(roleFromCertificate(fake), undefined);
  });
});

describe('loadTokens', () => {
  const fs = (files: Record<string, [string, number]>): TokenFileAccess => ({
    readFile: (p) => {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return f[0];
    },
    mode: (p) => {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: no such file or directory, stat '${p}'`);
      return 0o100000 | f[1];
    },
  });
  const entry = (name: string, file: string) => ({ name, role: 'operator' as const, file });

  it('keeps digests of trimmed tokens, never the tokens', () => {
    const t = loadTokens([entry('a', '/a')], fs({ '/a': [`\n ${OPS} \n`, 0o640] }));
    assert.deepEqual(t, [{ name: 'a', role: 'operator', digest: tokenDigest(OPS) }]);
    assert.ok(!JSON.stringify(t).includes(OPS));
  });

  const refused: [string, Parameters<typeof loadTokens>, RegExp][] = [
    [
      'a missing file',
      [[entry('a', '/x')], fs({})],
      /cannot read token file auth.tokens\[0\] \(a\): \/x: ENOENT/,
    ],
    ['a world-readable file', [[entry('a', '/a')], fs({ '/a': [OPS, 0o644] })], /mode 644\); chmod 600/],
    ['a world-writable file', [[entry('a', '/a')], fs({ '/a': [OPS, 0o602] })], /mode 602/],
    ['an empty file', [[entry('a', '/a')], fs({ '/a': ['\n', 0o600] })], /is empty/],
    ['a short token', [[entry('a', '/a')], fs({ '/a': ['short', 0o600] })], /16–4096 characters/],
    ['a token with a space', [[entry('a', '/a')], fs({ '/a': [`${OPS} x`, 0o600] })], /no spaces/],
    [
      'a repeated name',
      [[entry('a', '/a'), entry('a', '/b')], fs({ '/a': [OPS, 0o600], '/b': [VIEW, 0o600] })],
      /name a given twice/,
    ],
    [
      'a repeated token',
      [[entry('a', '/a'), entry('b', '/b')], fs({ '/a': [OPS, 0o600], '/b': [OPS, 0o600] })],
      /holds the same token as a/,
    ],
  ];
  for (const [what, args, re] of refused) {
    it(`refuses ${what} with one line that never holds the token`, () => {
      assert.throws(
        () => loadTokens(...args),
        (e: unknown) =>
          e instanceof ConfigError &&
          re.test(e.message) &&
          !e.message.includes(OPS) &&
          !e.message.includes('\n'),
      );
    });
  }
});

describe('requestFields', () => {
  it('names what a write is about, short and on one line, whatever the request holds', () => {
    assert.deepEqual(requestFields('MoveVip', { name: 'web', to: 'n2', timeout_ms: 5 }), {
      vip: 'web',
      target: 'n2',
    });
    assert.deepEqual(requestFields('CreateVip', { spec: { name: 'a\nb', address: 'x'.repeat(500) } }), {
      vip: 'a b',
      address: `${'x'.repeat(128)}…`,
    });
    assert.deepEqual(requestFields('UnpinVip', { name: 'web' }), { vip: 'web' });
    assert.deepEqual(requestFields('DrainNode', null), {});
    assert.deepEqual(requestFields('UpdateVip', { spec: 'nope', expected_revision: '7' }), {
      expectedRevision: '7',
    });
  });
});
