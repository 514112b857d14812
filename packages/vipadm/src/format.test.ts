import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event__Output, Node__Output, Vip__Output } from '@vipd/proto';
import { eventJson, moveJson, nodesJson, removedJson, renderJson, statusJson, vipsJson } from './json';
import { eventText, render } from './run';
import {
  alignTable,
  drainText,
  eventLine,
  moveText,
  nodesTable,
  statusText,
  vipDetail,
  vipsTable,
} from './table';

const web: Vip__Output = {
  spec: {
    name: 'web',
    address: '198.51.100.100/24',
    interface: 'e0',
    nodes: { n2: { priority: 0, interface: '' }, n1: { priority: 150, interface: 'bond0' } },
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
  },
  revision: '41',
  holder: 'n1',
  fencing_revision: '57',
  pinned_to: '',
  priorities: [],
};
const db: Vip__Output = {
  spec: {
    name: 'db',
    address: '2001:db8::10/64',
    interface: 'e1',
    nodes: {},
    preempt: false,
    preempt_delay_ms: 0,
    announce: {
      count: 5,
      interval_ms: 100,
      refresh_ms: 0,
      probe_ms: 0,
      second_burst_delay_ms: 0,
      mode: 'arp',
    },
    track: ['uplink', 'nginx'],
    track_weighted: [],
    on_etcd_loss: 'failsafe',
    label: '',
    no_prefix_route: false,
    scope: '',
    broadcast: '',
    routes: [],
    rules: [],
    vmac: 0,
    group: '',
  },
  revision: '7',
  holder: '',
  fencing_revision: '',
  pinned_to: 'n2',
  priorities: [],
};
const n1: Node__Output = {
  name: 'n1',
  advertise: '198.51.100.11:7400',
  labels: { zone: 'b', rack: 'a' },
  alive: true,
  drained: false,
  health: 'SERVING',
  unready: [],
  held: [{ name: 'web', revision: '57' }],
  checks: {},
  priorities: [],
  bgp: {},
  unready_why: {},
};
const n2: Node__Output = {
  ...n1,
  name: 'n2',
  advertise: '198.51.100.12:7400',
  drained: true,
  held: [],
  unready: ['db'],
};
const acquired: Event__Output = {
  time: '2025-11-22T22:50:01.123Z',
  type: 'acquired',
  vip: 'web',
  node: 'n1',
  fencing_revision: '57',
  detail: '',
  service: '',
  backend: '',
  revision: '61',
};

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('table output', () => {
  it('aligns columns two spaces apart without trailing spaces', () => {
    assert.equal(
      alignTable(
        ['A', 'LONGER'],
        [
          ['wide-cell', 'x'],
          ['y', ''],
        ],
      ),
      lines('A          LONGER', 'wide-cell  x', 'y'),
    );
  });

  it('vip list: sorted by name, default priority shown, "all" nodes, empty as "-"', () => {
    assert.equal(
      vipsTable([web, db]),
      lines(
        'NAME  ADDRESS            INTERFACE  NODES                 PREEMPT  HOLDER  PINNED',
        'db    2001:db8::10/64    e1         all                   no       -       n2',
        'web   198.51.100.100/24  e0         n1=150(bond0),n2=100  yes      n1      -',
      ),
    );
    assert.equal(vipsTable([]), 'no VIPs\n');
  });

  it('vip get: aligned key/value block with holder and fencing revision', () => {
    assert.equal(
      vipDetail(web),
      lines(
        'name:          web',
        'address:       198.51.100.100/24',
        'interface:     e0',
        'nodes:         n1=150(bond0),n2=100',
        'preempt:       yes',
        'announce:      defaults',
        'addr options:  -',
        'track:         -',
        'on etcd loss:  failsafe',
        'holder:        n1 (fencing revision 57)',
        'pinned to:     -',
        'priorities:    -',
        'revision:      41',
      ),
    );
    assert.match(vipDetail(db), /^holder: {8}- \(nobody holds it\)$/m);
    assert.match(vipDetail(db), /^announce: {6}count 5, interval 100ms, refresh 0ms, probe 10000ms$/m);
    assert.match(
      vipDetail({ ...web, spec: { ...web.spec!, preempt_delay_ms: 5000 } }),
      /^preempt: {7}after 5000ms$/m,
    );
  });

  it('vip get: tracked checks sorted, on etcd loss spelled out, announce probe', () => {
    const text = vipDetail({
      ...db,
      spec: {
        ...db.spec!,
        announce: {
          count: 3,
          interval_ms: 100,
          refresh_ms: 30000,
          probe_ms: 5000,
          second_burst_delay_ms: 0,
          mode: 'arp',
        },
      },
    });
    assert.match(text, /^track: {9}nginx,uplink$/m);
    assert.match(text, /^on etcd loss: {2}failsafe$/m);
    assert.match(text, /^announce: {6}count 3, interval 100ms, refresh 30000ms, probe 5000ms$/m);
    // A coordinator older than the fields: track and on_etcd_loss missing altogether.
    const old = { ...web, spec: { ...web.spec! } } as Vip__Output;
    delete (old.spec as Partial<NonNullable<Vip__Output['spec']>>).track;
    delete (old.spec as Partial<NonNullable<Vip__Output['spec']>>).on_etcd_loss;
    assert.match(vipDetail(old), /^track: {9}-\non etcd loss: {2}failsafe$/m);
  });

  it('vip get: address options and the second burst when set', () => {
    const text = vipDetail({
      ...web,
      spec: {
        ...web.spec!,
        announce: {
          count: 2,
          interval_ms: 50,
          refresh_ms: 0,
          probe_ms: 0,
          second_burst_delay_ms: 5000,
          mode: 'arp',
        },
        label: 'web',
        no_prefix_route: true,
        scope: 'link',
        broadcast: '198.51.100.255',
      },
    });
    assert.match(
      text,
      /^announce: {6}count 2, interval 50ms, refresh 0ms, probe 10000ms, second burst after 5000ms$/m,
    );
    assert.match(
      text,
      /^addr options: {2}label web, noprefixroute, scope link, broadcast 198\.51\.100\.255$/m,
    );
  });

  it('vip list keeps its columns: no TRACK (vip get and -o json have it)', () => {
    const header = vipsTable([db]).split('\n')[0];
    assert.equal(header, 'NAME  ADDRESS          INTERFACE  NODES  PREEMPT  HOLDER  PINNED');
    assert.doesNotMatch(vipsTable([db]), /nginx|failsafe/);
  });

  it('node list: sorted, held VIPs with fencing revisions, unready', () => {
    assert.equal(
      nodesTable([n2, n1]),
      lines(
        'NAME  ADVERTISE           ALIVE  DRAINED  HEALTH   HOLDS   UNREADY  WEIGHTED',
        'n1    198.51.100.11:7400  yes    no       SERVING  web@57  -        -',
        'n2    198.51.100.12:7400  yes    yes      SERVING  -       db       -',
      ),
    );
  });

  it('node list: a BGP column (PEER=STATE) only when some node speaks BGP', () => {
    const bgp = { ...n1, bgp: { '198.51.100.1': 'ESTABLISHED' } };
    assert.equal(
      nodesTable([n2, bgp]),
      lines(
        'NAME  ADVERTISE           ALIVE  DRAINED  HEALTH   HOLDS   UNREADY  WEIGHTED  BGP',
        'n1    198.51.100.11:7400  yes    no       SERVING  web@57  -        -         198.51.100.1=ESTABLISHED',
        'n2    198.51.100.12:7400  yes    yes      SERVING  -       db       -         -',
      ),
    );
  });

  it('status: summary, then the VIP and node tables', () => {
    const text = statusText({
      cluster: 'lab',
      etcd_endpoints: ['http://127.0.0.1:2379'],
      etcd_healthy: true,
      vips: [web, db],
      nodes: [n1, n2],
    });
    assert.ok(
      text.startsWith(
        lines(
          'cluster:  lab',
          'etcd:     healthy (http://127.0.0.1:2379)',
          'vips:     2 (1 not held)',
          'nodes:    2 (2 alive)',
          '',
          'VIPS',
          'NAME  ADDRESS            INTERFACE  NODES                 PREEMPT  HOLDER  PINNED',
        ),
      ),
      text,
    );
    assert.ok(text.endsWith(`\nNODES\n${nodesTable([n1, n2])}`));
  });

  it('status with etcd unreadable: VIPs and nodes are "unknown", never "no VIPs"', () => {
    const text = statusText({
      cluster: 'lab',
      etcd_endpoints: ['http://127.0.0.1:2379'],
      etcd_healthy: false,
      vips: [],
      nodes: [],
    });
    assert.equal(
      text,
      lines(
        'cluster:  lab',
        'etcd:     UNHEALTHY: the coordinator cannot read it (http://127.0.0.1:2379)',
        'vips:     unknown',
        'nodes:    unknown',
        '',
        'VIPS',
        'unknown',
        '',
        'NODES',
        'unknown',
      ),
    );
    assert.doesNotMatch(text, /no VIPs|no nodes/);
  });

  it('-o wide adds fencing revision, checks, etcd-loss mode and revision to VIPs, labels to nodes', () => {
    const vips = vipsTable([web], true).split('\n');
    assert.match(vips[0]!, /PINNED +FENCING +TRACK +ON-ETCD-LOSS +REVISION$/);
    assert.match(vips[1]!, new RegExp(`n1 +- +${web.fencing_revision} .*${web.revision}$`));
    const nodes = nodesTable([{ ...n1, labels: { zone: 'a', rack: '7' } }], true).split('\n');
    assert.match(nodes[0]!, /UNREADY +WEIGHTED +LABELS$/);
    assert.match(nodes[1]!, /rack=7,zone=a$/);
    assert.equal(
      eventLine(acquired, true),
      '2025-11-22T22:50:01.123Z  acquired        vip=web node=n1 fencing=57 rev=61\n',
    );
  });

  it('one line per event, empty fields left out, multi-line detail folded', () => {
    assert.equal(
      eventLine(acquired),
      '2025-11-22T22:50:01.123Z  acquired        vip=web node=n1 fencing=57\n',
    );
    assert.equal(
      eventLine({
        ...acquired,
        type: 'node_left',
        vip: '',
        fencing_revision: '',
        detail: 'lease expired\nafter 3 s',
      }),
      '2025-11-22T22:50:01.123Z  node_left       node=n1  lease expired after 3 s\n',
    );
  });

  it('move and drain say what happened', () => {
    assert.equal(
      moveText('web', 'n2', { vip: { ...web, holder: 'n2' }, from: 'n1', elapsed_ms: 312 }),
      'moved web from n1 to n2 in 312 ms\n',
    );
    assert.equal(drainText(n1, true), 'drained n1: it releases web\n');
    assert.equal(drainText(n2, true), 'drained n2: it holds no VIP\n');
    assert.equal(drainText(n2, false), 'undrained n2: it may hold VIPs again\n');
  });
});

describe('json output', () => {
  it('vip list: proto field names, every field present, sorted, defaults explicit', () => {
    assert.deepEqual(JSON.parse(renderJson(vipsJson([web, db]))), {
      vips: [
        {
          spec: {
            name: 'db',
            address: '2001:db8::10/64',
            interface: 'e1',
            nodes: {},
            preempt: false,
            preempt_delay_ms: 0,
            announce: {
              count: 5,
              interval_ms: 100,
              refresh_ms: 0,
              probe_ms: 10000,
              second_burst_delay_ms: 0,
              mode: 'arp',
            },
            track: ['nginx', 'uplink'],
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
          },
          revision: '7',
          holder: '',
          fencing_revision: '',
          pinned_to: 'n2',
          priorities: [],
        },
        {
          spec: {
            name: 'web',
            address: '198.51.100.100/24',
            interface: 'e0',
            nodes: { n1: { priority: 150, interface: 'bond0' }, n2: { priority: 100, interface: '' } },
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
          },
          revision: '41',
          holder: 'n1',
          fencing_revision: '57',
          pinned_to: '',
          priorities: [],
        },
      ],
    });
  });

  it('track sorted, on_etcd_loss and announce.probe_ms with defaults explicit', () => {
    const spec = (v: Vip__Output) => vipsJson([v]).vips[0]!.spec!;
    assert.deepEqual(spec(db).track, ['nginx', 'uplink']);
    assert.equal(spec(db).on_etcd_loss, 'failsafe');
    assert.equal(spec(db).announce!.probe_ms, 10000, '0 is the default (10000)');
    assert.equal(spec(web).on_etcd_loss, 'failsafe', "'' is failsafe");
    assert.deepEqual(spec(web).track, []);
    assert.equal(spec(web).announce, null);
    const probed: Vip__Output = {
      ...web,
      spec: {
        ...web.spec!,
        announce: {
          count: 3,
          interval_ms: 100,
          refresh_ms: 30000,
          probe_ms: 5000,
          second_burst_delay_ms: 0,
          mode: 'arp',
        },
      },
    };
    assert.deepEqual(spec(probed).announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 5000,
      second_burst_delay_ms: 0,
      mode: 'arp',
    });
    assert.deepEqual(Object.keys(spec(probed).announce!), [
      'count',
      'interval_ms',
      'refresh_ms',
      'probe_ms',
      'second_burst_delay_ms',
      'mode',
    ]);
    assert.deepEqual(Object.keys(spec(web)), [
      'name',
      'address',
      'interface',
      'nodes',
      'preempt',
      'preempt_delay_ms',
      'announce',
      'track',
      'track_weighted',
      'on_etcd_loss',
      'label',
      'no_prefix_route',
      'scope',
      'broadcast',
      'routes',
      'rules',
      'vmac',
      'group',
    ]);
    // The input is not sorted in place.
    assert.deepEqual(db.spec!.track, ['uplink', 'nginx']);
    // Fields missing (a coordinator older than them) come out as the defaults, still present.
    const old = { ...web, spec: { ...web.spec! } } as Vip__Output;
    delete (old.spec as Partial<NonNullable<Vip__Output['spec']>>).track;
    delete (old.spec as Partial<NonNullable<Vip__Output['spec']>>).on_etcd_loss;
    assert.deepEqual([spec(old).track, spec(old).on_etcd_loss], [[], 'failsafe']);
  });

  it('key order is stable (diffable output)', () => {
    const text = renderJson(vipsJson([web]));
    assert.deepEqual(Object.keys(JSON.parse(text).vips[0]), [
      'spec',
      'revision',
      'holder',
      'fencing_revision',
      'pinned_to',
      'priorities',
    ]);
    assert.ok(text.indexOf('"n1"') < text.indexOf('"n2"'));
    assert.ok(text.endsWith('}\n'));
  });

  it('nodes, status, move, rm and events', () => {
    assert.deepEqual(nodesJson([n2, n1]).nodes[0], {
      name: 'n1',
      advertise: '198.51.100.11:7400',
      labels: { rack: 'a', zone: 'b' },
      alive: true,
      drained: false,
      health: 'SERVING',
      unready: [],
      unready_why: {},
      held: [{ name: 'web', revision: '57' }],
      checks: {},
      priorities: [],
      bgp: {},
    });
    assert.deepEqual(Object.keys(nodesJson([n1]).nodes[0]!.labels), ['rack', 'zone']);
    const status = statusJson({
      cluster: 'lab',
      etcd_endpoints: ['e'],
      etcd_healthy: true,
      vips: [web],
      nodes: [n1],
    });
    assert.deepEqual(Object.keys(status), [
      'cluster',
      'etcd_endpoints',
      'etcd_healthy',
      'vips',
      'nodes',
      'unknown',
    ]);
    assert.deepEqual(status.unknown, []);
    assert.deepEqual(moveJson({ vip: null, from: 'n1', elapsed_ms: 312 }), {
      vip: null,
      from: 'n1',
      elapsed_ms: 312,
    });
    assert.deepEqual(removedJson('web'), { name: 'web', deleted: true });
    assert.deepEqual(eventJson(acquired), acquired);
    assert.deepEqual(Object.keys(eventJson(acquired)), [
      'time',
      'type',
      'vip',
      'node',
      'fencing_revision',
      'detail',
      'service',
      'backend',
      'revision',
    ]);
  });
});

describe('-o yaml', () => {
  it('is the json shape as YAML; a watch event is one document', () => {
    assert.equal(render('yaml', { vips: [] }, 'table text'), 'vips: []\n');
    assert.equal(render('wide', { vips: [] }, 'table text'), 'table text');
    assert.equal(
      eventText('yaml', acquired),
      [
        '---',
        'time: 2025-11-22T22:50:01.123Z',
        'type: acquired',
        'vip: web',
        'node: n1',
        'fencing_revision: "57"',
        'detail: ""',
        'service: ""',
        'backend: ""',
        'revision: "61"',
        '',
      ].join('\n'),
    );
  });
});
