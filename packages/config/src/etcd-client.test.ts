import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors';
import { etcdClientProblems, etcdClientSchema, resolveEtcdPasswordFile } from './etcd-client';
import { zodProblems } from './fields';
import { maskSecrets, readSecretFile } from './secrets';

function problems(schema: ReturnType<typeof etcdClientSchema>, raw: unknown): string[] {
  const res = schema.safeParse(raw);
  return res.success ? etcdClientProblems(res.data) : zodProblems(res.error);
}

describe('etcd client config', () => {
  it('fills defaults; the call timeout default is the caller’s', () => {
    const a = etcdClientSchema({ callTimeoutMs: 1000 }).parse({ endpoints: ['http://e:2379'] });
    const b = etcdClientSchema({ callTimeoutMs: 2000 }).parse({ endpoints: ['https://e:2379/'] });
    assert.deepEqual([a.dialTimeoutMs, a.callTimeoutMs, b.callTimeoutMs], [2000, 1000, 2000]);
  });

  it('reports missing endpoints with the caller’s hint, or zod’s own words without one', () => {
    const hinted = etcdClientSchema({ callTimeoutMs: 1000, endpointsRequiredHint: 'E or --e' });
    assert.deepEqual(problems(hinted, undefined), ['config: endpoints: required (E or --e)']);
    assert.deepEqual(problems(hinted, {}), ['endpoints: required (E or --e)']);
    assert.deepEqual(problems(etcdClientSchema({ callTimeoutMs: 1000 }), {}), ['endpoints: Required']);
  });

  it('refuses bad endpoints, empty lists, unknown keys and out-of-range timeouts', () => {
    const schema = etcdClientSchema({ callTimeoutMs: 1000 });
    assert.match(problems(schema, { endpoints: ['localhost:2379'] })[0]!, /^endpoints\.0: must be http\(s\)/);
    assert.deepEqual(problems(schema, { endpoints: [] }), ['endpoints: at least one endpoint']);
    assert.match(problems(schema, { endpoints: ['http://e:1'], colour: 1 })[0]!, /colour/);
    assert.match(problems(schema, { endpoints: ['http://e:1'], callTimeoutMs: 10 })[0]!, /^callTimeoutMs:/);
  });

  it('refuses password with passwordFile, and a cert without its key', () => {
    const schema = etcdClientSchema({ callTimeoutMs: 1000 });
    const raw = {
      endpoints: ['http://e:1'],
      tls: { ca: 'ca', key: 'k' },
      auth: { username: 'u', password: 'p', passwordFile: 'f' },
    };
    assert.deepEqual(problems(schema, raw), [
      'etcd.auth: give password or passwordFile, not both',
      'etcd.tls: cert and key go together',
    ]);
    assert.deepEqual(
      problems(schema, { ...raw, tls: { ca: 'ca', cert: 'c', key: 'k' }, auth: undefined }),
      [],
    );
  });
});

describe('secrets', () => {
  const files: Record<string, string> = { '/pw': '  s3cret\n' };
  const readFile = (p: string) => {
    const text = files[p];
    if (text === undefined) throw new Error(`ENOENT: no such file '${p}'\nsecond line`);
    return text;
  };

  it('turns etcd.auth.passwordFile into a trimmed password, unless a password is set', () => {
    const merged: Record<string, unknown> = { etcd: { auth: { username: 'u', passwordFile: '/pw' } } };
    resolveEtcdPasswordFile(merged, readFile);
    assert.deepEqual(merged, { etcd: { auth: { username: 'u', password: 's3cret' } } });
    const both: Record<string, unknown> = { etcd: { auth: { password: 'env', passwordFile: '/none' } } };
    resolveEtcdPasswordFile(both, readFile);
    assert.deepEqual(both, { etcd: { auth: { password: 'env', passwordFile: '/none' } } });
    const none: Record<string, unknown> = { etcd: 'not a mapping' };
    resolveEtcdPasswordFile(none, readFile);
    assert.deepEqual(none, { etcd: 'not a mapping' });
  });

  it('names the setting and the file in one line when the secret cannot be read', () => {
    assert.throws(
      () => readSecretFile('/none', readFile, 'etcd.auth.passwordFile'),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message === "cannot read etcd.auth.passwordFile /none: ENOENT: no such file '/none'",
    );
  });

  it('masks passwords, tokens and keys wherever they are, and nothing else', () => {
    const masked = maskSecrets({
      etcd: { auth: { username: 'u', password: 'p' }, tls: { ca: '/ca', key: '/k' } },
      auth: { tokens: ['t1', 't2'] },
      Secret: 's',
      other: undefined,
    });
    assert.deepEqual(masked, {
      etcd: { auth: { username: 'u', password: '[redacted]' }, tls: { ca: '/ca', key: '[redacted]' } },
      auth: { tokens: '[redacted]' },
      Secret: '[redacted]',
    });
  });
});
