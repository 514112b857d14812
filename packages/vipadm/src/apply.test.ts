/** apply -f: the file format (defaults, one-line errors) and the plan (what changes, shown as a diff). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service__Output, ServiceSpec__Output, Vip__Output } from '@vipd/proto';
import { parseApplyDocument, parseApplyFile, renderExport, toRequest } from './apply-file';
import { serviceToRequest } from './apply-services';
import { makePlan, planJson, planText } from './apply-plan';
import { UsageError } from './errors';

const FILE = [
  'vips:',
  '  - name: web',
  '    address: 198.51.100.100/24',
  '    interface: e0',
  '    nodes: { n2: { priority: 100 }, n1: { priority: 150 } }',
  '',
].join('\n');

const stored = (name: string, over: Partial<NonNullable<Vip__Output['spec']>> = {}): Vip__Output => ({
  spec: {
    name,
    address: '198.51.100.100/24',
    interface: 'e0',
    nodes: { n1: { priority: 150, interface: '' }, n2: { priority: 0, interface: '' } },
    preempt: true,
    preempt_delay_ms: 0,
    announce: null,
    track: [],
    track_weighted: [],
    on_etcd_loss: '',
    label: '',
    no_prefix_route: false,
    scope: '',
    broadcast: '',
    routes: [],
    rules: [],
    vmac: 0,
    group: '',
    ...over,
  },
  revision: '41',
  holder: 'n1',
  fencing_revision: '57',
  pinned_to: '',
  priorities: [],
});

describe('apply -f FILE', () => {
  it('fills in the defaults and sorts, so a minimal file equals what export writes', () => {
    const [web] = parseApplyFile(FILE, 'c.yaml');
    assert.deepEqual(web, {
      name: 'web',
      address: '198.51.100.100/24',
      interface: 'e0',
      nodes: { n1: { priority: 150, interface: '' }, n2: { priority: 100, interface: '' } },
      preempt: true,
      preempt_delay_ms: 0,
      announce: null,
      track: [],
      track_weighted: [],
      on_etcd_loss: 'failsafe',
      label: '',
      no_prefix_route: false,
      scope: 'global',
      broadcast: '',
      routes: [],
      rules: [],
      vmac: 0,
      group: '',
    });
    const exported = renderExport([web!], 'lab');
    assert.match(exported, /^# vipadm export of cluster lab/);
    assert.deepEqual(parseApplyFile(exported, 'export'), [web]);
    assert.deepEqual(toRequest(web!).nodes, web!.nodes);
  });

  it('carries a VIP group (keepalived vrrp_sync_group) through export and apply', () => {
    const [web] = parseApplyFile(`${FILE}    group: web-pair\n`, 'c.yaml');
    assert.equal(web!.group, 'web-pair');
    assert.deepEqual(parseApplyFile(renderExport([web!], 'lab'), 'export'), [web]);
    assert.equal(toRequest(web!).group, 'web-pair');
    const plan = makePlan([web!], [stored('web')], false);
    assert.deepEqual(plan.update[0]?.changes, [{ field: 'group', from: '', to: 'web-pair' }]);
    assert.throws(
      () => parseApplyFile(`${FILE}    group: Web Pair\n`, 'c.yaml'),
      (e: unknown) =>
        e instanceof UsageError && /vips\[0\] \(web\): group: must be lower-case/.test(e.message),
    );
  });

  it('refuses a bad file with one line naming the file, the VIP and the field', () => {
    const bad = (text: string, re: RegExp) =>
      assert.throws(
        () => parseApplyFile(text, 'c.yaml'),
        (e: unknown) => e instanceof UsageError && !e.message.includes('\n') && re.test(e.message),
      );
    bad('vips: [\n', /^c\.yaml: not valid YAML/);
    bad('vip: []\n', /^c\.yaml: unknown key "vip" \(known: vips, services\)/);
    bad(
      FILE.replace('198.51.100.100/24', '198.51.100.100'),
      /^c\.yaml: vips\[0\] \(web\): address: must be ADDRESS\/PREFIX/,
    );
    bad(
      FILE.replace('priority: 150', 'priority: 256'),
      /vips\[0\] \(web\): nodes\.n1\.priority: must be a whole number from 1 to 255/,
    );
    bad(`${FILE}    preempt: "yes"\n`, /preempt: must be true or false/);
    bad(
      `${FILE}    track_weighted: [{ check: svc, weight: -254 }]\n`,
      /track_weighted\[0\]\.weight: must be .*-253\.\.253, not 0/,
    );
    bad(
      `${FILE}    track: [svc]\n    track_weighted: [{ check: svc, weight: -20 }]\n`,
      /names a check twice/,
    );
    bad(`${FILE}    colour: blue\n`, /vips\[0\] \(web\): colour: unknown key/);
    bad(`${FILE}    announce: { count: 0 }\n`, /announce\.count: must be a whole number from 1 to 100/);
    bad(`${FILE}    on_etcd_loss: drop\n`, /on_etcd_loss: must be fence or failsafe/);
    bad(FILE + FILE.replace('vips:\n', ''), /VIP web is listed twice/);
    bad('vips:\n  - name: Web\n', /vips\[0\]: name: lower-case letters/);
  });

  it('plans creates, updates (with the stored revision) and unchanged; deletes only with --prune', () => {
    const wanted = parseApplyFile(
      `${FILE}  - name: db\n    address: 2001:db8::10/64\n    interface: e1\n  - name: api\n    address: 198.51.100.101/24\n    interface: e0\n    track: [nginx]\n`,
      'c.yaml',
    );
    const current = [
      stored('web'),
      stored('api', { address: '198.51.100.101/24' }),
      stored('old', { address: '198.51.100.102/24' }),
    ];
    const plan = makePlan(wanted, current, false);
    assert.deepEqual(
      plan.create.map((s) => s.name),
      ['db'],
    );
    assert.deepEqual(plan.unchanged, ['web']);
    assert.deepEqual(
      plan.update.map((u) => [u.name, u.revision, u.changes]),
      [
        [
          'api',
          '41',
          [
            { field: 'nodes', from: 'n1=150,n2=100', to: 'all' },
            { field: 'track', from: 'none', to: 'nginx' },
          ],
        ],
      ],
    );
    assert.deepEqual(plan.remove, ['old']);
    assert.equal(
      planText(plan, true),
      [
        '+ vip db: 2001:db8::10/64 on e1, nodes all',
        '~ vip api:',
        '    nodes: n1=150,n2=100 → all',
        '    track: none → nginx',
        '  vip old: not in the file, kept',
        '= vip web',
        'dry run: would apply: 1 to create, 1 to update, 1 not in the file (kept; --prune deletes them), 1 unchanged',
        '',
      ].join('\n'),
    );
    const pruned = makePlan(wanted, current, true);
    assert.match(planText(pruned, false), /^- vip old$/m);
    assert.deepEqual(planJson(pruned, false).delete, ['old']);
    assert.deepEqual(planJson(plan, true).kept, ['old']);
  });
});

describe('apply: an unset announce', () => {
  it('equals the stored defaults (no update every time)', () => {
    const [web] = parseApplyFile(FILE, 'c.yaml');
    const defaults = {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 10000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    };
    const plan = makePlan([web!], [stored('web', { announce: defaults })], false);
    assert.deepEqual(plan.unchanged, ['web']);
  });
});

const SERVICES = [
  'services:',
  '  - name: www',
  '    vip: web',
  '    port: 80',
  '    backends:',
  '      - { address: 203.0.113.10, port: 8080 }',
  '      - { address: 203.0.113.11, port: 8080, weight: 2 }',
  '',
].join('\n');

/** A service as the coordinator answers it: every default spelled out (serviceToMsg). */
const storedService = (name: string, over: Partial<ServiceSpec__Output> = {}): Service__Output => ({
  spec: {
    name,
    vip: 'web',
    protocol: 'tcp',
    port: 80,
    scheduler: 'rr',
    mode: 'nat',
    snat: false,
    backends: [
      { address: '203.0.113.10', port: 8080, weight: 1, weight_set: true },
      { address: '203.0.113.11', port: 8080, weight: 2, weight_set: true },
    ],
    check: {
      type: 'tcp',
      interval_ms: 1000,
      timeout_ms: 1000,
      rise: 2,
      fall: 2,
      path: '',
      expect_status: 0,
      expect_body: '',
      port: 0,
      argv: [],
    },
    sorry: '',
    quorum: 0,
    ...over,
  },
  revision: '77',
  holder: 'n1',
  backends: [],
  reported_by: 'n1',
  serving: 'backends',
});

describe('apply -f FILE: services', () => {
  it("fills in the coordinator's defaults, so a minimal file equals the stored service and export", () => {
    const doc = parseApplyDocument(FILE + SERVICES, 'c.yaml');
    const [www] = doc.services!;
    assert.deepEqual(www, {
      name: 'www',
      vip: 'web',
      protocol: 'tcp',
      port: 80,
      scheduler: 'rr',
      mode: 'nat',
      snat: false,
      backends: [
        { address: '203.0.113.10', port: 8080, weight: 1 },
        { address: '203.0.113.11', port: 8080, weight: 2 },
      ],
      check: {
        type: 'tcp',
        interval_ms: 1000,
        timeout_ms: 1000,
        rise: 2,
        fall: 2,
        path: '',
        expect_status: 0,
        expect_body: '',
        port: 0,
        argv: [],
      },
      sorry: '',
      quorum: 0,
    });
    const plan = makePlan(doc.vips, [stored('web')], false, doc.services, [storedService('www')]);
    assert.deepEqual(plan.services?.unchanged, ['www']);
    const exported = renderExport(doc.vips, 'lab', doc.services);
    assert.match(exported, /^# vipadm export of cluster lab: the VIPs and virtual services/);
    assert.deepEqual(parseApplyDocument(exported, 'export'), doc);
    assert.deepEqual(serviceToRequest(www!).backends, [
      { address: '203.0.113.10', port: 8080, weight: 1, weight_set: true },
      { address: '203.0.113.11', port: 8080, weight: 2, weight_set: true },
    ]);
  });

  it('an http check, a shorter interval and an IPv6 backend compare equal to what is stored', () => {
    const text = [
      'services:',
      '  - name: api',
      '    vip: web',
      '    port: 443',
      '    backends: [{ address: "2001:DB8:0:0::20", port: 8443 }]',
      '    check: { type: http, path: /healthz, interval_ms: 500 }',
      '    sorry: "[2001:db8:0::99]:80"',
      '',
    ].join('\n');
    const [api] = parseApplyDocument(text, 'c.yaml').services!;
    assert.equal(api!.backends[0]!.address, '2001:db8::20');
    assert.equal(api!.sorry, '[2001:db8::99]:80');
    const stored6 = storedService('api', {
      port: 443,
      backends: [{ address: '2001:db8::20', port: 8443, weight: 1, weight_set: true }],
      check: {
        type: 'http',
        interval_ms: 500,
        timeout_ms: 500,
        rise: 2,
        fall: 2,
        path: '/healthz',
        expect_status: 200,
        expect_body: '',
        port: 0,
        argv: [],
      },
      sorry: '[2001:db8::99]:80',
    });
    assert.deepEqual(makePlan([], [], false, [api!], [stored6]).services?.unchanged, ['api']);
    // The http-only fields go with an http check only.
    const tcp = parseApplyDocument(
      text.replace(', path: /healthz', '').replace('type: http', 'type: tcp'),
      'c',
    ).services![0]!;
    assert.deepEqual(
      [serviceToRequest(tcp).check?.path, serviceToRequest(tcp).check?.expect_status],
      ['', 0],
    );
  });

  it('refuses a bad service with one line naming the file, the service and the field', () => {
    const bad = (text: string, re: RegExp) =>
      assert.throws(
        () => parseApplyDocument(text, 'c.yaml'),
        (e: unknown) => e instanceof UsageError && !e.message.includes('\n') && re.test(e.message),
      );
    bad('services: {}\n', /^c\.yaml: services: must be a list/);
    bad(
      SERVICES.replace('port: 80', 'port: 0'),
      /^c\.yaml: services\[0\] \(www\): port: must be a whole number from 1 to 65535/,
    );
    bad(
      SERVICES.replace('weight: 2', 'weight: 1001'),
      /services\[0\] \(www\): backends\[1\]\.weight: must be a whole number from 0 to 1000/,
    );
    bad(
      SERVICES.replace('203.0.113.10', '203.0.113'),
      /backends\[0\]\.address: must be an IP address, got "203\.0\.113"/,
    );
    bad(`${SERVICES}    scheduler: lc\n`, /scheduler: must be rr, wrr, sh, random/);
    bad(`${SERVICES}    check: { type: http, colour: blue }\n`, /check\.colour: unknown key/);
    bad(`${SERVICES}    sorry: 203.0.113.99\n`, /sorry: must be ADDR:PORT/);
    bad(`${SERVICES}    weight: 3\n`, /\(www\): weight: unknown key/);
    bad(SERVICES + SERVICES.replace('services:\n', ''), /service www is listed twice/);
    bad('services:\n  - name: W\n', /services\[0\]: name: lower-case letters/);
  });

  it('plans services beside VIPs: the diff, --prune, and a file without services: leaves them alone', () => {
    const wanted = parseApplyDocument(
      FILE +
        SERVICES.replace('weight: 2 }', 'weight: 0 }') +
        '  - name: dns\n    vip: web\n    port: 53\n    protocol: udp\n    backends: [{ address: 203.0.113.53, port: 53 }]\n',
      'c.yaml',
    );
    const current = [storedService('www'), storedService('old', { port: 8080 })];
    const plan = makePlan(wanted.vips, [stored('web')], false, wanted.services, current);
    assert.deepEqual(
      plan.services?.update.map((u) => [u.name, u.revision, u.changes]),
      [
        [
          'www',
          '77',
          [
            {
              field: 'backends',
              from: '203.0.113.10:8080=1,203.0.113.11:8080=2',
              to: '203.0.113.10:8080=1,203.0.113.11:8080=0',
            },
          ],
        ],
      ],
    );
    assert.equal(
      planText(plan, true),
      [
        '= vip web',
        '+ service dns: udp/53 on vip web, 1 backend',
        '~ service www:',
        '    backends: 203.0.113.10:8080=1,203.0.113.11:8080=2 → 203.0.113.10:8080=1,203.0.113.11:8080=0',
        '  service old: not in the file, kept',
        'dry run: would apply: VIPs: 0 to create, 0 to update, 0 not in the file (kept; --prune deletes them), 1 unchanged; ' +
          'services: 1 to create, 1 to update, 1 not in the file (kept; --prune deletes them), 0 unchanged',
        '',
      ].join('\n'),
    );
    const pruned = makePlan(wanted.vips, [stored('web')], true, wanted.services, current);
    assert.match(planText(pruned, false), /^- service old$/m);
    assert.deepEqual(planJson(pruned, false).services, {
      create: ['dns'],
      update: [{ name: 'www', changes: plan.services!.update[0]!.changes }],
      delete: ['old'],
      kept: [],
      unchanged: [],
    });
    // No services: key: not compared, never pruned, and the plan says nothing of them.
    const vipsOnly = makePlan(parseApplyFile(FILE, 'c.yaml'), [stored('web')], true);
    assert.equal(vipsOnly.services, undefined);
    assert.equal('services' in planJson(vipsOnly, false), false);
    assert.doesNotMatch(planText(vipsOnly, false), /service/);
    assert.equal(parseApplyDocument(FILE, 'c.yaml').services, undefined);
    assert.deepEqual(parseApplyDocument(`${FILE}services:\n`, 'c.yaml').services, []);
  });
});
