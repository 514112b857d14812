/** vip get explains where the VIP is: candidates best first with what keeps each back, and one verdict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node__Output, Vip__Output } from '@vipd/proto';
import { candidates, explainText, verdict } from './explain';

const node = (name: string, over: Partial<Node__Output> = {}): Node__Output => ({
  name,
  advertise: '',
  labels: {},
  alive: true,
  drained: false,
  health: 'SERVING',
  unready: [],
  held: [],
  checks: {},
  priorities: [],
  bgp: {},
  unready_why: {},
  ...over,
});

const vip = (
  over: Partial<Vip__Output> = {},
  spec: Partial<NonNullable<Vip__Output['spec']>> = {},
): Vip__Output => ({
  spec: {
    name: 'web',
    address: '198.51.100.100/24',
    interface: 'e0',
    nodes: {
      n1: { priority: 150, interface: '' },
      n2: { priority: 100, interface: '' },
      n3: { priority: 0, interface: '' },
      n4: { priority: 50, interface: '' },
    },
    preempt: true,
    preempt_delay_ms: 0,
    announce: null,
    track: ['nginx'],
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
    ...spec,
  },
  revision: '41',
  holder: '',
  fencing_revision: '',
  pinned_to: '',
  priorities: [],
  ...over,
});

const nodes = [node('n1', { unready: ['web'] }), node('n2', { drained: true }), node('n3')];

describe('vip get: why it is (not) where it is', () => {
  it('lists every eligible node best first with what keeps it back', () => {
    const list = candidates(vip({ holder: 'n3' }), nodes);
    assert.deepEqual(
      list.map((c) => [c.node, c.priority, c.ready]),
      [
        ['n1', 150, false],
        ['n2', 100, false],
        ['n3', 100, true],
        ['n4', 50, false],
      ],
    );
    assert.match(
      list[0]!.state,
      /^cannot serve it: its interface is missing or down, or a tracked check \(nginx\) is not up, or the kernel refused the VIP there/,
    );
    assert.equal(list[1]!.state, 'drained: takes no VIP (vipadm node undrain n2)');
    assert.equal(list[2]!.state, 'holds it');
    assert.match(list[3]!.state, /^not registered/);
    assert.equal(verdict(vip({ holder: 'n3' }), list), 'held by its preferred node n3');
  });

  it('says why the holder is not the best ready node: pin, no preempt, preempt delay', () => {
    const all = [node('n1'), node('n2'), node('n3'), node('n4')];
    const explain = (v: Vip__Output) => verdict(v, candidates(v, all));
    assert.match(explain(vip({ holder: 'n2' })), /^n1 ranks higher and should take it back shortly/);
    assert.match(
      explain(vip({ holder: 'n2' }, { preempt: false })),
      /^preempt is off: it stays on n2 although n1 ranks higher/,
    );
    assert.match(explain(vip({ holder: 'n2' }, { preempt_delay_ms: 5000 })), /preempt delay \(5000 ms\)/);
    assert.equal(explain(vip({ holder: 'n2', pinned_to: 'n2' })), 'held by its pinned node n2');
    assert.match(explain(vip({ holder: '' })), /^nobody holds it now; n1 is ready and should take it/);
    assert.match(
      verdict(vip(), candidates(vip(), [node('n1', { drained: true })])),
      /^nobody holds it: no eligible node is registered, undrained and able to serve it/,
    );
  });

  it('a VIP without a node list: every registered node at priority 100; the text has a table and a verdict', () => {
    const text = explainText(vip({ holder: 'n1' }, { nodes: {} }), [node('n2'), node('n1')]);
    assert.equal(
      text,
      [
        '',
        'CANDIDATES (best first)',
        'NODE  PRIORITY  STATE',
        'n1    100       holds it',
        'n2    100       ready',
        'why: held by its preferred node n1',
        '',
      ].join('\n'),
    );
  });

  it('ranks by the effective priority the coordinator reports, with the weights that apply', () => {
    const weighted = vip(
      {
        holder: 'n2',
        priorities: [
          { node: 'n2', vip: 'web', priority: 140, base_priority: 140, reasons: [], eligible: true },
          {
            node: 'n1',
            vip: 'web',
            priority: 130,
            base_priority: 150,
            reasons: ['svc down: -20'],
            eligible: true,
          },
        ],
      },
      { nodes: { n1: { priority: 150, interface: '' }, n2: { priority: 140, interface: '' } } },
    );
    const text = explainText(weighted, [node('n1'), node('n2')]);
    assert.match(text, /^NODE +PRIORITY +STATE\nn2 +140 +holds it\nn1 +130 \(150; svc down: -20\) +ready\n/m);
    assert.match(text, /why: held by its preferred node n2/);
  });
});
