/**
 * Virtual services through vipadm and vip-coordinator against a real etcd: add, get, list, set,
 * backend add/rm/drain/weight, rm; every validation error is one line with exit 2 (vipadm can
 * tell) or 1 (the coordinator refused), and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status as Status } from '@grpc/grpc-js';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { VIPADM_BIN } from '../harness/paths';
import { runScript, type ScriptResult } from '../harness/proc';
import { call, callError, type Coordinator, FakeDaemons, startCoordinator } from './admin-client';

const CLUSTER = 'svc';

interface ServiceDoc {
  name: string;
  spec: {
    vip: string;
    port: number;
    protocol: string;
    scheduler: string;
    mode: string;
    sorry: string;
    quorum: number;
    backends: { address: string; port: number; weight: number }[];
    check: { type: string; path: string; interval_ms: number; expect_body: string };
  };
  revision: string;
  backends: { target: string; weight: number; health: string }[];
}

describe('virtual services: vipadm and the coordinator', { timeout: 120_000 }, () => {
  let etcd: LocalEtcd;
  let coord: Coordinator;
  let daemons: FakeDaemons;
  const vipadm = (...args: string[]): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, '--token-file', coord.tokenFiles.op, ...args]);
  const json = async (...args: string[]): Promise<ServiceDoc> => {
    const r = await vipadm('-o', 'json', ...args);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as ServiceDoc;
  };
  /** A refusal: the exit code, one `vipadm: ...` line matching re, and nothing on stdout. */
  const refused = async (code: number, re: RegExp, ...args: string[]): Promise<void> => {
    const r = await vipadm(...args);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^vipadm: [^\n]+\n$/);
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  };

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
    daemons = new FakeDaemons(etcd.endpoint, CLUSTER);
    await call(coord.client, 'CreateVip', {
      spec: { name: 'front', address: '198.51.100.100/24', interface: 'e0' },
    });
    await call(coord.client, 'CreateVip', {
      spec: { name: 'six', address: '2001:db8::100/64', interface: 'e0' },
    });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('adds a service with defaults filled in and stores it at services/<name>', async () => {
    const doc = await json(
      'service', 'add', 'web', '--vip', 'front', '--port', '80',
      '--backend', '203.0.113.10:8080', '--backend', '203.0.113.11:8080=3',
      '--check', 'http:/healthz', '--check-body', 'ok', '--sorry', '203.0.113.99:80',
    ); // prettier-ignore
    assert.equal(doc.name, 'web');
    assert.equal(doc.spec.protocol, 'tcp');
    assert.equal(doc.spec.scheduler, 'rr');
    assert.equal(doc.spec.mode, 'nat');
    assert.equal(doc.spec.sorry, '203.0.113.99:80');
    assert.deepEqual(doc.spec.backends, [
      { address: '203.0.113.10', port: 8080, weight: 1 },
      { address: '203.0.113.11', port: 8080, weight: 3 },
    ]);
    assert.equal(doc.spec.check.type, 'http');
    assert.equal(doc.spec.check.path, '/healthz');
    assert.equal(doc.spec.check.expect_body, 'ok');
    assert.deepEqual(
      doc.backends.map((b) => [b.target, b.health]),
      [
        ['203.0.113.10:8080', 'unknown'],
        ['203.0.113.11:8080', 'unknown'],
      ],
      'no director has reported yet',
    );
    const stored = (await daemons.get('services/web')) as Record<string, unknown>;
    assert.equal(stored.vip, 'front');
    assert.equal(stored.port, 80);
    const table = await vipadm('service', 'list');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+VIP\s+PORT/);
    assert.match(table.stdout, /\nweb\s+front\s+tcp\/80\s+rr\s+nat\s+0\/2 up/);
    const get = await vipadm('service', 'get', 'web');
    assert.match(get.stdout, /check:\s+http \/healthz 200 body~"ok" every 1000 ms/);
    assert.match(get.stdout, /203\.0\.113\.11:8080\s+3\s+unknown/);
  });

  it('refuses bad input with one line, writing nothing', async () => {
    const before = await daemons.get('services/web');
    const add = ['service', 'add', 'bad', '--vip', 'front', '--port'];
    await refused(1, /service bad: vip nope does not exist/, 'service', 'add', 'bad', '--vip', 'nope', '--port', '80', '--backend', '203.0.113.10:80'); // prettier-ignore
    await refused(2, /--backend 203\.0\.113\.10:80 given twice/, ...add, '80', '--backend', '203.0.113.10:80', '--backend', '203.0.113.10:80'); // prettier-ignore
    await refused(2, /--port must be/, ...add, '0', '--backend', '203.0.113.10:80');
    await refused(2, /port must be 1-65535/, ...add, '80', '--backend', '203.0.113.10:0');
    await refused(2, /weight must be 0-1000/, ...add, '80', '--backend', '203.0.113.10:80=5000');
    await refused(2, /--scheduler must be rr, wrr, sh, random; got "lc"/, ...add, '80', '--scheduler', 'lc', '--backend', '203.0.113.10:80'); // prettier-ignore
    await refused(1, /in dr mode a backend's port must be the service port 80/, ...add, '80', '--mode', 'dr', '--backend', '203.0.113.10:8080'); // prettier-ignore
    await refused(1, /vip six is IPv6 but the backends are IPv4/, 'service', 'add', 'bad', '--vip', 'six', '--port', '80', '--backend', '203.0.113.10:80'); // prettier-ignore
    await refused(1, /tcp port 80 on vip front is already service web's/, ...add, '80', '--backend', '203.0.113.12:80'); // prettier-ignore
    await refused(1, /already exists/, 'service', 'add', 'web', '--vip', 'front', '--port', '81', '--backend', '203.0.113.12:80'); // prettier-ignore
    // The API refuses what a client other than vipadm might send.
    const spec = { name: 'bad', vip: 'front', port: 80, backends: [{ address: '203.0.113.10', port: 80 }] };
    const cases: [object, RegExp][] = [
      [{ ...spec, port: 0 }, /port: must be 1-65535/],
      [{ ...spec, scheduler: 'lc' }, /scheduler: must be one of rr, wrr, sh, random/],
      [{ ...spec, backends: [...spec.backends, ...spec.backends] }, /203\.0\.113\.10:80 given twice/],
      [
        { ...spec, backends: [{ address: '203.0.113.10', port: 80, weight: 1001 }] },
        /weight: must be 0-1000/,
      ],
      [{ ...spec, quorum: 2 }, /quorum: 2 is more than the 1 backends/],
    ];
    for (const [bad, re] of cases) {
      const err = await callError(coord.client, 'CreateService', { spec: bad });
      assert.equal(err.code, Status.INVALID_ARGUMENT, err.details);
      assert.match(err.details, re);
      assert.doesNotMatch(err.details, /\n/);
    }
    assert.equal(await daemons.get('services/bad'), undefined, 'nothing written');
    assert.deepEqual(await daemons.get('services/web'), before, 'web unchanged');
  });

  it('changes backends: add, drain (weight 0), weight, rm; set; a conflict is never lost', async () => {
    let doc = await json('service', 'backend', 'add', 'web', '203.0.113.12:8080=2');
    assert.deepEqual(doc.spec.backends.at(-1), { address: '203.0.113.12', port: 8080, weight: 2 });
    await refused(
      1,
      /already in service web \(weight 2\)/,
      'service',
      'backend',
      'add',
      'web',
      '203.0.113.12:8080',
    );
    doc = await json('service', 'backend', 'drain', 'web', '203.0.113.10:8080');
    assert.equal(doc.spec.backends[0]?.weight, 0);
    const drained = await vipadm('service', 'backend', 'drain', 'web', '203.0.113.11:8080');
    assert.match(drained.stdout, /^drained 203\.0\.113\.11:8080 in web \(weight 0/);
    doc = await json('service', 'backend', 'weight', 'web', '203.0.113.10:8080', '5');
    assert.equal(doc.spec.backends[0]?.weight, 5);
    doc = await json('service', 'backend', 'rm', 'web', '203.0.113.12:8080');
    assert.equal(doc.spec.backends.length, 2);
    await refused(1, /backend 203\.0\.113\.12:8080 is not in service web/, 'service', 'backend', 'rm', 'web', '203.0.113.12:8080'); // prettier-ignore
    doc = await json('service', 'set', 'web', '--scheduler', 'sh', '--check-interval', '500');
    assert.equal(doc.spec.scheduler, 'sh');
    assert.equal(doc.spec.check.interval_ms, 500);
    assert.equal(doc.spec.check.path, '/healthz', 'check fields not named stay');
    const stale = await callError(coord.client, 'UpdateService', {
      spec: { name: 'web', vip: 'front', port: 80, backends: [{ address: '203.0.113.10', port: 80 }] },
      expected_revision: '1',
    });
    assert.equal(stale.code, Status.ABORTED);
  });

  it('deletes a service; a missing one is NOT_FOUND', async () => {
    const r = await vipadm('service', 'rm', 'web');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await daemons.get('services/web'), undefined);
    await refused(1, /service web not found/, 'service', 'get', 'web');
    const list = await vipadm('-o', 'json', 'service', 'list');
    assert.deepEqual(JSON.parse(list.stdout), { services: [] });
  });
});
