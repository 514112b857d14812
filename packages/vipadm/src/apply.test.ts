/** apply -f: the file format (defaults, one-line errors) and the plan (what changes, shown as a diff). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Vip__Output } from '@vipd/proto';
import { parseApplyFile, renderExport, toRequest } from './apply-file';
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
    });
    const exported = renderExport([web!], 'lab');
    assert.match(exported, /^# vipadm export of cluster lab/);
    assert.deepEqual(parseApplyFile(exported, 'export'), [web]);
    assert.deepEqual(toRequest(web!).nodes, web!.nodes);
  });

  it('refuses a bad file with one line naming the file, the VIP and the field', () => {
    const bad = (text: string, re: RegExp) =>
      assert.throws(
        () => parseApplyFile(text, 'c.yaml'),
        (e: unknown) => e instanceof UsageError && !e.message.includes('\n') && re.test(e.message),
      );
    bad('vips: [\n', /^c\.yaml: not valid YAML/);
    bad('vip: []\n', /^c\.yaml: unknown key "vip" \(known: vips\)/);
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
    };
    const plan = makePlan([web!], [stored('web', { announce: defaults })], false);
    assert.deepEqual(plan.unchanged, ['web']);
  });
});
