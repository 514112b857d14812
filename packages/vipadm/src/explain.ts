/**
 * `vip get`: why a VIP is (not) held where it is. From the VIP and the node list alone: every
 * eligible node, best first, with what keeps it from holding the VIP (not registered, drained,
 * cannot serve it and the node's own reason: interface down or missing, a tracked check not up,
 * the kernel's refusal, no BGP session, …; pinned elsewhere), then one sentence on the holder.
 * Priorities are the effective ones the coordinator reports (weighted checks applied), with the
 * reasons. Pure.
 */
import { oneLine } from '@vipd/log';
import type { Node__Output, Vip__Output } from '@vipd/proto';
import { alignTable } from './table';
import { DEFAULT_PRIORITY } from './values';

export interface Candidate {
  node: string;
  /** Effective: the spec's priority with the node's weighted checks applied. */
  priority: number;
  /** `PRIORITY (BASE; REASON, …)` when a weight applies, else the number. */
  shown: string;
  /** `holds it`, `ready`, or what keeps it from holding the VIP. */
  state: string;
  ready: boolean;
  /**
   * Why the node cannot serve the VIP, as it published it (`e0: interface has no carrier`); empty
   * when it can, or when its vipd (or the coordinator) is older than the reasons.
   */
  reason: string;
}

/** Eligible nodes, best first (pin, then priority, then name), each with its state. */
export function candidates(vip: Vip__Output, nodes: Node__Output[]): Candidate[] {
  const name = vip.spec?.name ?? '';
  const listed = Object.entries(vip.spec?.nodes ?? {});
  const eligible: [string, number][] =
    listed.length > 0
      ? listed.map(([n, e]) => [n, e.priority || DEFAULT_PRIORITY])
      : nodes.map((n) => [n.name, DEFAULT_PRIORITY]);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const effective = new Map((vip.priorities ?? []).map((p) => [p.node, p]));
  const out = eligible.map(([node, base]): Candidate => {
    const n = byName.get(node);
    const e = effective.get(node);
    const priority = e?.priority ?? base;
    const shown = e?.reasons.length
      ? `${priority} (${e.base_priority}; ${e.reasons.join(', ')})`
      : String(priority);
    const unready = n?.alive === true && n.unready.includes(name);
    // One line in the table whatever the node wrote (its vipd bounds it to 200 characters).
    const reason = unready ? oneLine(n.unready_why?.[name] ?? '') : '';
    let state: string;
    if (vip.holder === node) state = 'holds it';
    else if (!n?.alive) state = 'not registered: vipd is not running there or cannot reach etcd';
    else if (n.drained) state = `drained: takes no VIP (vipadm node undrain ${node})`;
    else if (unready) state = `cannot serve it: ${reason || unknownReason(vip)}`;
    else state = 'ready';
    return { node, priority, shown, state, ready: state === 'ready' || state === 'holds it', reason };
  });
  const pin = vip.pinned_to;
  // A pin on a node that can serve the VIP outranks every other ready node (docs/etcd-keys.md).
  const pinReady = out.some((c) => c.node === pin && c.ready);
  if (pin && pinReady)
    for (const c of out)
      if (c.node !== pin && c.state === 'ready')
        c.state = `ready, but pinned to ${pin} (vipadm vip unpin ${name} to let ranking decide)`;
  return out.sort(
    (a, b) =>
      Number(b.node === pin) - Number(a.node === pin) ||
      b.priority - a.priority ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}

/** A node that published no reason (a vipd older than them): what it may be. */
function unknownReason(vip: Vip__Output): string {
  const track = vip.spec?.track.length ? `, or a tracked check (${vip.spec.track.join(', ')}) is not up` : '';
  return `its interface is missing or down${track}, or the kernel refused the VIP there (its vipd log says which)`;
}

/** One sentence: why it is held where it is, or not at all. */
export function verdict(vip: Vip__Output, list: Candidate[]): string {
  const best = list.find((c) => c.ready);
  const name = vip.spec?.name ?? '';
  if (!vip.holder) {
    if (!best)
      return 'nobody holds it: no eligible node is registered, undrained and able to serve it (above)';
    return `nobody holds it now; ${best.node} is ready and should take it within a few seconds (if not, see vipd's log on ${best.node})`;
  }
  if (!best || best.node === vip.holder) {
    return vip.pinned_to === vip.holder
      ? `held by its pinned node ${vip.holder}`
      : `held by its preferred node ${vip.holder}`;
  }
  if (vip.pinned_to === vip.holder) {
    return `pinned to ${vip.holder} (vip move): it stays there while ${vip.holder} can serve it (vipadm vip move ${name} --to ${best.node} to change, vipadm vip unpin ${name} to let ranking decide)`;
  }
  if (vip.spec?.preempt === false) {
    return `preempt is off: it stays on ${vip.holder} although ${best.node} ranks higher (vipadm vip move ${name} --to ${best.node})`;
  }
  const delay = vip.spec?.preempt_delay_ms ?? 0;
  return delay > 0
    ? `${best.node} ranks higher and takes it back once ready for the preempt delay (${delay} ms)`
    : `${best.node} ranks higher and should take it back shortly (preempt)`;
}

/** The section `vip get` prints below the VIP. */
export function explainText(vip: Vip__Output, nodes: Node__Output[]): string {
  const list = candidates(vip, nodes);
  const rows = list.map((c) => [c.node, c.shown, c.state]);
  const table = rows.length === 0 ? 'no nodes registered\n' : alignTable(['NODE', 'PRIORITY', 'STATE'], rows);
  return `\nCANDIDATES (best first)\n${table}why: ${verdict(vip, list)}\n`;
}

/**
 * The fields `vip get -o json|yaml` adds to the Vip: the candidates as the table shows them,
 * each with the reason its node published (`reason`, empty when none), and the verdict. Without
 * the node list (it could not be read): `candidates` null and `why` empty.
 */
export function explainJson(vip: Vip__Output, nodes: Node__Output[] | undefined) {
  if (nodes === undefined) return { candidates: null, why: '' };
  const list = candidates(vip, nodes);
  return {
    candidates: list.map((c) => ({
      node: c.node,
      priority: c.priority,
      state: c.state,
      ready: c.ready,
      reason: c.reason,
    })),
    why: verdict(vip, list),
  };
}
