/**
 * The real bin/vipadm as a child process against a real gRPC server (FakeCoordinator,
 * serving the real admin.proto): exit codes, one-line errors, table and JSON output,
 * tokens, deadlines, unreachable servers (watch: watch.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import type { VipSpec__Output } from '@vipd/proto';
import { FakeCoordinator } from './testing/fake-coordinator';
import { finish, start, type Result } from './testing/run-vipadm';

const TOKEN = 'tok-7f3a9c1e55d2';
let fake: FakeCoordinator;
const vipadm = (args: string, env: Record<string, string> = {}) =>
  finish(start(['--server', fake.address, ...args.split(' ').filter(Boolean)], env));

/** Exit code `code` and exactly one stderr line `vipadm: …` matching `pattern`. */
function failed(r: Result, code: number, pattern: RegExp) {
  assert.equal(r.code, code, r.stderr);
  assert.equal(r.stderr.split('\n').length, 2, `not one line: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, /^vipadm: /);
  assert.match(r.stderr, pattern);
  assert.equal(r.stdout, '');
}

before(async () => {
  fake = await new FakeCoordinator().start();
});
after(() => fake.stop());
beforeEach(() => {
  fake.vips.clear();
  fake.nodes.clear();
  fake.failWith = undefined;
  fake.etcdHealthy = true;
  fake.addNode('n1');
  fake.addNode('n2');
});

describe('vipadm against a gRPC AdminService', () => {
  it('vip add sends the spec and shows the result; json has the proto field names', async () => {
    const r = await vipadm('vip add web --address 198.51.100.100/24 --interface e0 --node n1=150 --node n2');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created web\nname: +web\naddress: +198\.51\.100\.100\/24\n/);
    assert.match(r.stdout, /^nodes: +n1=150,n2=100$/m);
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.method, 'CreateVip');
    assert.deepEqual((sent.request.spec as { nodes: unknown }).nodes, {
      n1: { priority: 150, interface: '' },
      n2: { priority: 100, interface: '' },
    });
    const j = await vipadm('-o json vip get web');
    assert.equal(j.code, 0, j.stderr);
    const vip = JSON.parse(j.stdout);
    assert.deepEqual(Object.keys(vip), [
      'spec',
      'revision',
      'holder',
      'fencing_revision',
      'pinned_to',
      'priorities',
      // Added by vip get: the candidates and the verdict its table shows.
      'candidates',
      'why',
    ]);
    assert.equal(vip.spec.preempt, true);
    assert.equal(vip.spec.nodes.n1.priority, 150);
    assert.deepEqual(
      vip.candidates.map((c: { node: string; ready: boolean; reason: string }) => [
        c.node,
        c.ready,
        c.reason,
      ]),
      [
        ['n1', true, ''],
        ['n2', true, ''],
      ],
    );
  });

  it("vip get names a node's own reason for not serving the VIP, in the table and in json", async () => {
    const add = 'vip add web --address 198.51.100.100/24 --interface e0 --node n1=150 --node n2';
    assert.equal((await vipadm(add)).code, 0);
    fake.addNode('n1', { unready: ['web'], unready_why: { web: 'e0: interface has no carrier' } });
    const r = await vipadm('vip get web');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^n1 +150 +cannot serve it: e0: interface has no carrier$/m);
    const j = JSON.parse((await vipadm('-o json vip get web')).stdout);
    assert.equal(j.candidates[0].reason, 'e0: interface has no carrier');
    const nodes = JSON.parse((await vipadm('-o json node list')).stdout);
    assert.deepEqual(nodes.nodes[0].unready_why, { web: 'e0: interface has no carrier' });
  });

  it('vip add --track --on-etcd-loss --announce-probe sends those proto fields; get and set keep them', async () => {
    const add = 'vip add web --address 198.51.100.100/24 --interface e0';
    const r = await vipadm(`${add} --track a --track b --on-etcd-loss failsafe --announce-probe 5000`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^track: +a,b\non etcd loss: +failsafe$/m);
    assert.match(r.stdout, /^announce: +count 3, interval 100ms, refresh 30000ms, probe 5000ms$/m);
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.method, 'CreateVip');
    const spec = sent.request.spec as VipSpec__Output;
    assert.deepEqual(spec.track, ['a', 'b']);
    assert.equal(spec.on_etcd_loss, 'failsafe');
    assert.deepEqual(spec.announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 5000,
      second_burst_delay_ms: 0,
      mode: '',
    });

    const j = await vipadm('-o json vip get web');
    assert.equal(j.code, 0, j.stderr);
    const got = JSON.parse(j.stdout).spec;
    assert.deepEqual(got.track, ['a', 'b']);
    assert.equal(got.on_etcd_loss, 'failsafe');
    assert.deepEqual(got.announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 5000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    });
    assert.deepEqual(Object.keys(got).slice(-12, -8), [
      'announce',
      'track',
      'track_weighted',
      'on_etcd_loss',
    ]);

    // vip set writes back what it read: another change keeps them all.
    assert.equal((await vipadm('vip set web --no-preempt')).code, 0);
    const kept = fake.requests.at(-1)!.request.spec as VipSpec__Output;
    assert.equal(fake.requests.at(-1)!.method, 'UpdateVip');
    assert.deepEqual(
      [kept.track, kept.on_etcd_loss, kept.announce?.probe_ms],
      [['a', 'b'], 'failsafe', 5000],
    );
    const replaced = await vipadm(
      '-o json vip set web --track c --on-etcd-loss fence --announce-probe 60000',
    );
    assert.equal(replaced.code, 0, replaced.stderr);
    const after = JSON.parse(replaced.stdout).spec;
    assert.deepEqual([after.track, after.on_etcd_loss, after.announce.probe_ms], [['c'], 'fence', 60000]);
    assert.equal(after.announce.count, 3);
    assert.deepEqual(JSON.parse((await vipadm('-o json vip set web --no-track')).stdout).spec.track, []);
    assert.deepEqual((fake.requests.at(-1)!.request.spec as VipSpec__Output).track, []);

    // Not given: nothing sent (the proto defaults), shown as the defaults.
    assert.equal((await vipadm('vip add db --address 198.51.100.101/24 --interface e0')).code, 0);
    const plain = fake.requests.at(-1)!.request.spec as VipSpec__Output;
    assert.deepEqual([plain.track, plain.on_etcd_loss, plain.announce], [[], '', null]);
    const db = JSON.parse((await vipadm('-o json vip get db')).stdout).spec;
    assert.deepEqual([db.track, db.on_etcd_loss, db.announce], [[], 'failsafe', null]);
    const shown = (await vipadm('vip get db')).stdout;
    assert.match(shown, /^track: +-\non etcd loss: +failsafe$/m);
    // Below the VIP: the nodes that could hold it and why nobody does.
    assert.match(
      shown,
      /\nCANDIDATES \(best first\)\nNODE +PRIORITY +STATE\nn1 +100 +ready\nn2 +100 +ready\nwhy: nobody holds it now; n1 is ready/,
    );

    failed(
      await vipadm(`${add} --announce-probe 0`),
      2,
      /^vipadm: --announce-probe must be between 1 and 86400000, got 0: the coordinator reads 0 as "the default" \(10000\)/,
    );
    failed(
      await vipadm(`${add} --on-etcd-loss keep`),
      2,
      /^vipadm: --on-etcd-loss must be fence or failsafe/,
    );
    failed(await vipadm(`${add} --track a --track a`), 2, /^vipadm: --track a given twice\n$/);
    failed(
      await vipadm('vip set web --track a --no-track'),
      2,
      /^vipadm: give --track or --no-track, not both\n$/,
    );
    failed(await vipadm(`${add} --no-track`), 2, /^vipadm: unknown option --no-track for "vip add"\n$/);
  });

  it('vip add --group sends the group; get and list show it; set keeps it, --no-group clears it', async () => {
    const add = 'vip add web4 --address 198.51.100.100/24 --interface e0';
    const r = await vipadm(`${add} --group web-pair`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((fake.requests.at(-1)!.request.spec as VipSpec__Output).group, 'web-pair');
    assert.match(r.stdout, /^group: +web-pair$/m);
    assert.equal(
      (await vipadm('vip add web6 --address 2001:db8::100/64 --interface e0 --group web-pair')).code,
      0,
    );
    assert.equal((await vipadm('vip add api --address 198.51.100.101/24 --interface e0')).code, 0);
    const list = (await vipadm('vip list')).stdout;
    assert.match(list, /^NAME +GROUP +ADDRESS/m);
    assert.match(list, /^api +- +198\.51\.100\.101\/24/m);
    assert.match(list, /^web6 +web-pair +2001:db8::100\/64/m);
    assert.equal(JSON.parse((await vipadm('-o json vip get web6')).stdout).spec.group, 'web-pair');
    assert.equal((await vipadm('vip set web4 --no-preempt')).code, 0);
    assert.equal((fake.requests.at(-1)!.request.spec as VipSpec__Output).group, 'web-pair');
    assert.equal((await vipadm('vip set web4 --no-group')).code, 0);
    assert.equal((fake.requests.at(-1)!.request.spec as VipSpec__Output).group, '');
    failed(
      await vipadm(`${add} --group Web_Pair`),
      2,
      /^vipadm: bad --group "Web_Pair": lower-case letters, digits and "-", at most 63 characters\n$/,
    );
    failed(
      await vipadm('vip set web4 --group a --no-group'),
      2,
      /^vipadm: give --group or --no-group, not both\n$/,
    );
  });

  it('the server saying no is exit 1 with its message on one line', async () => {
    await vipadm('vip add web --address 198.51.100.100/24 --interface e0');
    failed(
      await vipadm('vip add web --address 198.51.100.100/24 --interface e0'),
      1,
      /^vipadm: VIP web already exists\n$/,
    );
    failed(
      await vipadm('vip add net --address 198.51.100.0/24 --interface e0'),
      1,
      /^vipadm: spec\.address: 198\.51\.100\.0\/24 is a network address\n$/,
    );
    failed(await vipadm('vip get nope'), 1, /^vipadm: VIP nope not found\n$/);
    fake.failWith = { code: status.ABORTED, details: 'web changed since revision 11' };
    failed(await vipadm('vip rm web'), 1, /^vipadm: conflict: web changed since revision 11, try again\n$/);
  });

  it('vip list, node list and status as aligned tables, and as one JSON document each', async () => {
    await vipadm('vip add web --address 198.51.100.100/24 --interface e0');
    await vipadm('vip add db --address 2001:db8::10/64 --interface e1 --no-preempt');
    const list = await vipadm('vip list');
    assert.equal(list.code, 0);
    assert.deepEqual(
      list.stdout.split('\n').map((l) => l.split(/ {2,}/)[0]),
      ['NAME', 'db', 'web', ''],
      list.stdout,
    );
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    for (const title of ['ADDRESS', 'INTERFACE', 'NODES', 'PREEMPT', 'HOLDER', 'PINNED']) {
      const at = header!.indexOf(title);
      for (const row of rows)
        assert.match(row.slice(at - 2, at + 1), /^ {2}\S$/, `${title} misaligned:\n${list.stdout}`);
    }
    const json = JSON.parse((await vipadm('vip list -o json')).stdout);
    assert.deepEqual(
      json.vips.map((v: { spec: { name: string; preempt: boolean } }) => [v.spec.name, v.spec.preempt]),
      [
        ['db', false],
        ['web', true],
      ],
    );
    const nodes = await vipadm('node ls');
    assert.match(
      nodes.stdout,
      /^NAME {2}ADVERTISE +ALIVE {2}DRAINED {2}HEALTH +HOLDS {2}UNREADY {2}WEIGHTED\nn1 {4}198\.51\.100\.10:7400 {2}yes/,
    );
    const statusJson = JSON.parse((await vipadm('status', { VIPADM_OUTPUT: 'json' })).stdout);
    assert.deepEqual(Object.keys(statusJson), [
      'cluster',
      'etcd_endpoints',
      'etcd_healthy',
      'vips',
      'nodes',
      'unknown',
    ]);
    assert.equal(statusJson.vips.length, 2);
    assert.match((await vipadm('status')).stdout, /^cluster: +lab\netcd: +healthy/);
  });

  it('-o yaml and -o wide', async () => {
    await vipadm('vip add web --address 198.51.100.100/24 --interface e0 --track nginx');
    const yaml = await vipadm('-o yaml vip list');
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.match(yaml.stdout, /^vips:\n {2}- spec:\n {6}name: web\n {6}address: 198\.51\.100\.100\/24\n/);
    assert.match(yaml.stdout, /\n {6}track:\n {8}- nginx\n/);
    const wide = await vipadm('-o wide vip list');
    assert.match(
      wide.stdout,
      /^NAME +ADDRESS .* PINNED +FENCING +TRACK +ON-ETCD-LOSS +REVISION\nweb .* nginx +failsafe +\d+\n$/,
    );
    assert.match((await vipadm('-o wide node list')).stdout, /UNREADY +WEIGHTED +LABELS\n/);
  });

  it('status exits 1 and says "unknown" when the coordinator cannot read etcd', async () => {
    fake.etcdHealthy = false;
    const r = await vipadm('status');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^etcd: +UNHEALTHY/m);
    assert.match(r.stdout, /^vips: +unknown\nnodes: +unknown\n/m);
    assert.doesNotMatch(r.stdout, /no VIPs|no nodes/);
    assert.equal(r.stderr, 'vipadm: the coordinator could not read etcd: vips and nodes unknown\n');
    const json = await vipadm('-o json status');
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout).unknown, ['vips', 'nodes']);
  });

  it('vip set writes back with the revision it read; vip move, rm, node drain and undrain', async () => {
    const added = await vipadm('-o json vip add web --address 198.51.100.100/24 --interface e0 --node n1');
    const { revision } = JSON.parse(added.stdout) as { revision: string };
    const set = await vipadm('-o json vip set web --node n1=200 --node n2 --preempt-delay 3000');
    assert.equal(set.code, 0, set.stderr);
    const update = fake.requests.at(-1)!;
    assert.equal(update.method, 'UpdateVip');
    assert.equal(update.request.expected_revision, revision);
    assert.deepEqual(JSON.parse(set.stdout).spec.nodes, {
      n1: { priority: 200, interface: '' },
      n2: { priority: 100, interface: '' },
    });
    const move = await vipadm('vip move web --to n2 --timeout 30000');
    assert.equal(move.stdout, 'moved web to n2 in 42 ms\n');
    assert.equal(fake.requests.at(-1)!.request.timeout_ms, 30000);
    assert.equal(
      (await vipadm('vip unpin web')).stdout,
      'unpinned web from n2: n2 holds it; normal ranking (preempt, priorities) applies\n',
    );
    assert.equal((await vipadm('vip unpin web')).stdout, 'web is not pinned; nothing changed\n');
    assert.equal(JSON.parse((await vipadm('-o json vip unpin web')).stdout).unpinned_from, '');
    failed(await vipadm('vip unpin nope'), 1, /^vipadm: VIP nope not found\n$/);
    assert.equal((await vipadm('node drain n1')).stdout, 'drained n1: it holds no VIP\n');
    assert.equal(fake.nodes.get('n1')!.drained, true);
    assert.equal(JSON.parse((await vipadm('-o json node undrain n1')).stdout).drained, false);
    assert.equal((await vipadm('vip rm web')).stdout, 'deleted web\n');
    assert.deepEqual(
      JSON.parse((await vipadm('vip rm -o json db --server ' + fake.address)).stderr ? '{}' : '{}'),
      {},
    );
    failed(await vipadm('vip rm web'), 1, /^vipadm: VIP web not found\n$/);
  });

  it('sends the token as bearer metadata and never prints it', async () => {
    fake.authorizations.length = 0;
    assert.equal((await vipadm('vip list', { VIPADM_TOKEN: TOKEN })).code, 0);
    const dir = mkdtempSync(join(tmpdir(), 'vipadm-'));
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const fromFile = await vipadm(`vip list --token-file ${join(dir, 'token')}`);
    rmSync(dir, { recursive: true });
    assert.equal(fromFile.stderr, '');
    const fromFlag = await vipadm(`node list --token ${TOKEN}`);
    assert.equal(fromFlag.code, 0);
    assert.match(
      fromFlag.stderr,
      /^vipadm: warning: --token shows in ps .*VIPADM_TOKEN or --token-file F\n$/,
    );
    assert.deepEqual(fake.authorizations, [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    fake.failWith = { code: status.INVALID_ARGUMENT, details: `token ${TOKEN} is not known` };
    const refused = await vipadm('vip list', { VIPADM_TOKEN: TOKEN });
    failed(refused, 1, /^vipadm: token \*\*\* is not known/);
    fake.failWith = { code: status.UNAUTHENTICATED, details: 'invalid token' };
    failed(
      await vipadm('vip list', { VIPADM_TOKEN: TOKEN }),
      1,
      /^vipadm: not authenticated: the coordinator at \S+ does not accept the token from VIPADM_TOKEN;/,
    );
    fake.failWith = { code: status.UNAUTHENTICATED, details: 'ListVips needs a token (viewer or operator)' };
    failed(
      await vipadm('vip list'),
      1,
      /^vipadm: not authenticated: .* needs a token .*; give one with --token-file F/,
    );
    for (const r of [fromFile, fromFlag, refused]) assert.ok(!(r.stdout + r.stderr).includes(TOKEN));
    failed(
      await vipadm('vip list --token-file /nonexistent/token'),
      2,
      /cannot read --token-file \/nonexistent\/token: ENOENT/,
    );
  });

  it('an unreachable coordinator is exit 1 with one line, quickly', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const r = await finish(start(['--server', `127.0.0.1:${closed}`, 'vip', 'list']));
    failed(
      r,
      1,
      new RegExp(
        `^vipadm: cannot reach the coordinator at 127\\.0\\.0\\.1:${closed} \\(connect ECONNREFUSED`,
      ),
    );
    assert.ok(r.ms < 3000, `took ${r.ms} ms`);
  });

  it('a call that gets no answer ends at its deadline: exit 1, one line', async () => {
    const r = await vipadm('--call-timeout 300 vip get hang');
    failed(r, 1, /^vipadm: no answer from the coordinator at 127\.0\.0\.1:\d+ within 0\.3 s\n$/);
    assert.ok(r.ms < 3000, `took ${r.ms} ms`);
  });

  it('usage errors are exit 2 with one line; --help and --version exit 0', async () => {
    failed(await vipadm('vip frob'), 2, /^vipadm: unknown command "vip frob"/);
    failed(await vipadm('vip add web --address 1.2.3.4/24'), 2, /^vipadm: "vip add" needs --interface IF\n$/);
    failed(await vipadm('vip list --bogus'), 2, /unknown option --bogus/);
    failed(await vipadm('-o xml vip list'), 2, /-o must be table, wide, json, yaml/);
    failed(
      await vipadm('frobnicate --help'),
      2,
      /^vipadm: unknown command "frobnicate" \(see vipadm --help\)\n$/,
    );
    failed(await vipadm('frobnicate'), 2, /^vipadm: unknown command "frobnicate"/);
    failed(await vipadm('vip frob --help'), 2, /^vipadm: unknown command "vip frob"/);
    failed(
      await vipadm('--tls-ca /nonexistent/ca.pem vip list'),
      2,
      /^vipadm: cannot read --tls-ca \/nonexistent\/ca\.pem: ENOENT\n$/,
    );
    const help = await vipadm('vip add --help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: vipadm vip add NAME/);
    assert.match(help.stdout, /Examples:\n {2}vipadm vip add web/);
    assert.match((await vipadm('help node drain')).stdout, /^Usage: vipadm node drain NODE/);
    assert.match((await vipadm('--version')).stdout, /^vipadm \d+\.\d+\.\d+\n$/);
  });
});
