/** vip get explains where the VIP is: candidates best first with what keeps each back, and one verdict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node__Output, Vip__Output } from '@vipd/proto';
import { candidates, explainJson, explainText, verdict } from './explain';

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

  it("names each node's own reason for not serving it, as the node published it", () => {
    const why = (reason: string) => node('n2', { unready: ['web'], unready_why: { web: reason } });
    const stateOf = (n: Node__Output) =>
      candidates(vip({ holder: 'n1' }), [node('n1'), n]).find((c) => c.node === 'n2')!.state;
    assert.equal(
      stateOf(why('e0: interface has no carrier')),
      'cannot serve it: e0: interface has no carrier',
    );
    assert.equal(
      stateOf(why('e0: interface does not exist')),
      'cannot serve it: e0: interface does not exist',
    );
    assert.equal(stateOf(why('tracked check nginx not up')), 'cannot serve it: tracked check nginx not up');
    assert.equal(
      stateOf(why('the kernel refused it on e0: Invalid argument')),
      'cannot serve it: the kernel refused it on e0: Invalid argument',
    );
    assert.equal(stateOf(why('no BGP session established')), 'cannot serve it: no BGP session established');
    // Whatever a node wrote stays on its table row.
    assert.equal(stateOf(why('e0:\n  down')), 'cannot serve it: e0: down');
    // A node older than the reasons (none published): what it may be, as before.
    assert.match(
      stateOf(node('n2', { unready: ['web'] })),
      /^cannot serve it: its interface is missing or down, or a tracked check \(nginx\) is not up, or the kernel refused the VIP there \(its vipd log says which\)$/,
    );
    // A reason for another VIP is not this one's.
    assert.equal(stateOf(node('n2', { unready_why: { db: 'tracked check pg not up' } })), 'ready');
    // Drained or gone outranks a stale reason.
    assert.match(
      stateOf(node('n2', { drained: true, unready: ['web'], unready_why: { web: 'x' } })),
      /^drained/,
    );
    assert.match(
      stateOf(node('n2', { alive: false, unready: ['web'], unready_why: { web: 'x' } })),
      /^not registered/,
    );
  });

  it('a ready node behind a pin on another node that can serve it says so; a pin on one that cannot, not', () => {
    const all = [node('n1'), node('n2'), node('n4')];
    const list = candidates(vip({ holder: 'n2', pinned_to: 'n2' }), all);
    assert.deepEqual(
      list.map((c) => [c.node, c.state, c.ready]),
      [
        ['n2', 'holds it', true],
        ['n1', 'ready, but pinned to n2 (vipadm vip unpin web to let ranking decide)', true],
        ['n3', 'not registered: vipd is not running there or cannot reach etcd', false],
        ['n4', 'ready, but pinned to n2 (vipadm vip unpin web to let ranking decide)', true],
      ],
    );
    const pinnedUnready = [
      node('n1'),
      node('n2', { unready: ['web'], unready_why: { web: 'no BGP session established' } }),
    ];
    const states = candidates(vip({ holder: 'n1', pinned_to: 'n2' }), pinnedUnready).map((c) => [
      c.node,
      c.state,
    ]);
    assert.deepEqual(states.slice(0, 2), [
      ['n2', 'cannot serve it: no BGP session established'],
      ['n1', 'holds it'],
    ]);
  });

  it('-o json adds the candidates with their reasons and the verdict; null without the node list', () => {
    const n2 = node('n2', { unready: ['web'], unready_why: { web: 'tracked check nginx not up' } });
    const out = explainJson(vip({ holder: 'n1' }), [node('n1'), n2]);
    assert.deepEqual(out.candidates?.slice(0, 2), [
      { node: 'n1', priority: 150, state: 'holds it', ready: true, reason: '' },
      {
        node: 'n2',
        priority: 100,
        state: 'cannot serve it: tracked check nginx not up',
        ready: false,
        reason: 'tracked check nginx not up',
      },
    ]);
    assert.equal(out.why, 'held by its preferred node n1');
    assert.deepEqual(explainJson(vip(), undefined), { candidates: null, why: '' });
  });
});
