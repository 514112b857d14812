/**
 * vipadm export and apply -f against a real coordinator and etcd: export → apply is a no-op,
 * --dry-run shows the diff and changes nothing, apply (--prune) makes the cluster what the file
 * says, and a second export writes the file back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { runScript, type ScriptResult } from '../harness/proc';
import { VIPADM_BIN } from '../harness/paths';
import { type Coordinator, startCoordinator } from './admin-client';

const CLUSTER = 'apply';

interface ExportedVip {
  name: string;
  nodes: Record<string, { priority: number; interface: string }>;
  [field: string]: unknown;
}

describe('vipadm export and apply -f', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipadm-apply-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let etcd: LocalEtcd;
  let coord: Coordinator;
  const vipadm = (args: string[]): Promise<ScriptResult> =>
    runScript(VIPADM_BIN, ['--server', coord.address, ...args], { VIPADM_TOKEN_FILE: coord.tokenFiles.op });
  const ok = async (args: string[]): Promise<string> => {
    const r = await vipadm(args);
    assert.equal(r.code, 0, `vipadm ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: CLUSTER });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
  });

  it('round trip: export, apply --dry-run, apply, export again', async () => {
    await ok([
      'vip',
      'add',
      'web',
      '--address',
      '198.51.100.100/24',
      '--interface',
      'e0',
      '--node',
      'n1=150',
      '--node',
      'n2',
    ]);
    await ok([
      'vip',
      'add',
      'db',
      '--address',
      '2001:db8::10/64',
      '--interface',
      'e1',
      '--no-preempt',
      '--track',
      'pg',
      '--announce-count',
      '5',
    ]);
    const exported = await ok(['export']);
    assert.match(exported, /^# vipadm export of cluster apply/);
    const same = file('same.yaml', exported);
    const noop = await ok(['apply', '-f', same, '--dry-run']);
    assert.match(
      noop,
      /^= vip db\n= vip web\ndry run: would apply: VIPs: 0 to create, 0 to update, 0 not in the file .*, 2 unchanged; services: 0 to create, .*, 0 unchanged\n$/,
    );
    assert.match(await ok(['apply', '-f', same]), /applied: VIPs: 0 to create, 0 to update/);

    // The file as a team would change it: web's priorities, a new VIP, db left out.
    const wanted = JSON.parse(await ok(['-o', 'json', 'export'])) as { vips: ExportedVip[] };
    const web = wanted.vips.find((v) => v.name === 'web')!;
    web.nodes.n1!.priority = 200;
    const api: ExportedVip = {
      name: 'api',
      address: '198.51.100.101/24',
      interface: 'e0',
      nodes: {},
      preempt: true,
      preempt_delay_ms: 0,
      announce: null,
      track: [],
      on_etcd_loss: 'fence',
    };
    const changed = { vips: [api, web] };
    const path = file('changed.json', JSON.stringify(changed));
    const diff = await ok(['apply', '-f', path, '--dry-run']);
    assert.equal(
      diff,
      [
        '+ vip api: 198.51.100.101/24 on e0, nodes all',
        '~ vip web:',
        '    nodes: n1=150,n2=100 → n1=200,n2=100',
        '  vip db: not in the file, kept',
        'dry run: would apply: 1 to create, 1 to update, 1 not in the file (kept; --prune deletes them), 0 unchanged',
        '',
      ].join('\n'),
    );
    assert.equal(await ok(['export']), exported, 'a dry run changes nothing');

    const applied = await ok(['-o', 'json', 'apply', '-f', path, '--prune']);
    assert.deepEqual(JSON.parse(applied), {
      dry_run: false,
      create: ['api'],
      update: [{ name: 'web', changes: [{ field: 'nodes', from: 'n1=150,n2=100', to: 'n1=200,n2=100' }] }],
      delete: ['db'],
      kept: [],
      unchanged: [],
    });
    const after = JSON.parse(await ok(['-o', 'json', 'export'])) as {
      vips: ExportedVip[];
      services: unknown[];
    };
    // An unset announce is stored as the defaults, and exported so; so are the fields the file
    // left out (address options, weighted tracking).
    const defaults = {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 10000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    };
    const unset = {
      label: '',
      no_prefix_route: false,
      scope: 'global',
      broadcast: '',
      track_weighted: [],
      routes: [],
      rules: [],
      vmac: 0,
      group: '',
    };
    assert.deepEqual(
      after,
      { vips: [{ ...api, ...unset, announce: defaults }, web], services: [] },
      'the cluster is what the file says',
    );
    assert.match(
      await ok(['apply', '-f', path, '--prune', '--dry-run']),
      /0 to create, 0 to update, 0 to delete, 2 unchanged/,
    );
  });

  it('services: export, apply --dry-run, apply --prune, export again; a file without services: leaves them', async () => {
    await ok(['vip', 'add', 'front', '--address', '198.51.100.120/24', '--interface', 'e0']);
    await ok(['service', 'add', 'www', '--vip', 'front', '--port', '80', '--backend', '203.0.113.10:8080']);
    await ok([
      'service',
      'add',
      'old',
      '--vip',
      'front',
      '--port',
      '8080',
      '--backend',
      '203.0.113.20:8080',
      '--check',
      'http:/healthz',
      '--sorry',
      '203.0.113.99:80',
    ]);
    const exported = await ok(['export']);
    assert.match(exported, /^services:\n {2}- name: old\n/m);
    const same = file('services-same.yaml', exported);
    const noop = await ok(['apply', '-f', same, '--dry-run']);
    assert.match(noop, /^= service old\n= service www\n/m);
    assert.match(noop, /services: 0 to create, 0 to update, 0 not in the file .*, 2 unchanged\n$/);

    // The file as a team would change it: www gets a second backend and a check, dns is new,
    // old is left out.
    interface ExportedService {
      name: string;
      backends: { address: string; port: number; weight: number }[];
      check: Record<string, unknown>;
      [field: string]: unknown;
    }
    const wanted = JSON.parse(await ok(['-o', 'json', 'export'])) as {
      vips: ExportedVip[];
      services: ExportedService[];
    };
    const www = wanted.services.find((s) => s.name === 'www')!;
    www.backends.push({ address: '203.0.113.11', port: 8080, weight: 3 });
    www.check = { type: 'http', path: '/ready' };
    const dns = {
      name: 'dns',
      vip: 'front',
      port: 53,
      protocol: 'udp',
      backends: [{ address: '203.0.113.53', port: 53 }],
    };
    const path = file('services.json', JSON.stringify({ vips: wanted.vips, services: [www, dns] }));
    const diff = await ok(['apply', '-f', path, '--dry-run', '--prune']);
    assert.match(diff, /^\+ service dns: udp\/53 on vip front, 1 backend$/m);
    assert.match(
      diff,
      /^~ service www:\n {4}backends: 203\.0\.113\.10:8080=1 → 203\.0\.113\.10:8080=1,203\.0\.113\.11:8080=3\n {4}check: tcp, every 1000ms, .* → http path \/ready status 200, every 1000ms/m,
    );
    assert.match(diff, /^- service old$/m);
    assert.equal(await ok(['export']), exported, 'a dry run changes nothing');

    const applied = JSON.parse(await ok(['-o', 'json', 'apply', '-f', path, '--prune'])) as {
      services: { create: string[]; update: { name: string }[]; delete: string[] };
    };
    assert.deepEqual(applied.services.create, ['dns']);
    assert.deepEqual(
      applied.services.update.map((u) => u.name),
      ['www'],
    );
    assert.deepEqual(applied.services.delete, ['old']);
    const after = JSON.parse(await ok(['-o', 'json', 'export'])) as { services: ExportedService[] };
    assert.deepEqual(
      after.services.map((s) => s.name),
      ['dns', 'www'],
    );
    const wwwAfter = after.services.find((s) => s.name === 'www')!;
    assert.deepEqual(wwwAfter.backends, [
      { address: '203.0.113.10', port: 8080, weight: 1 },
      { address: '203.0.113.11', port: 8080, weight: 3 },
    ]);
    assert.equal(wwwAfter.check.path, '/ready');
    assert.match(
      await ok(['apply', '-f', path, '--prune', '--dry-run']),
      /services: 0 to create, 0 to update, 0 to delete, 2 unchanged/,
    );
    // What export wrote applies as nothing to do: the round trip is exact.
    assert.match(
      await ok(['apply', '-f', file('again.yaml', await ok(['export'])), '--dry-run']),
      /services: .* 2 unchanged\n$/,
    );

    // A file with VIPs only: --prune leaves every service alone.
    const vipsOnly = file('vips-only.json', JSON.stringify({ vips: wanted.vips }));
    const plan = await ok(['apply', '-f', vipsOnly, '--prune']);
    assert.doesNotMatch(plan, /service/);
    const still = JSON.parse(await ok(['-o', 'json', 'service', 'list'])) as { services: { name: string }[] };
    assert.deepEqual(still.services.map((s) => s.name).sort(), ['dns', 'www']);
  });

  it('a bad file is one line and exit 2; a refused change says how far it got', async () => {
    const bad = await vipadm(['apply', '-f', file('bad.yaml', 'vips:\n  - name: x\n    address: 1.2.3.4\n')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^vipadm: .*bad\.yaml: vips\[0\] \(x\): address: must be ADDRESS\/PREFIX/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const missing = await vipadm(['apply', '-f', join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^vipadm: cannot read -f .*nope\.yaml: ENOENT\n$/);
    // Two new VIPs with one address: the coordinator refuses the second.
    const dup = file(
      'dup.yaml',
      'vips:\n  - { name: d1, address: 198.51.100.150/24, interface: e0 }\n  - { name: d2, address: 198.51.100.150/24, interface: e0 }\n',
    );
    const r = await vipadm(['apply', '-f', dup]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^vipadm: applied 1 of 2 changes; create d2 failed: /);
  });
});
