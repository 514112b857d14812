/** Who should hold a VIP: pure ranking of live candidates. */
import { DEFAULT_PRIORITY, type VipSpec } from './vip-spec';

/** A live node as registered under /vipd/<cluster>/nodes/. */
export interface NodeInfo {
  name: string;
  /** gRPC address peers and the coordinator use. */
  advertise: string;
  labels: Record<string, string>;
  /** Operator maintenance switch: a drained node holds nothing. */
  drained: boolean;
  /** VIPs this node cannot serve right now (interface missing or down, failing checks). */
  unready: string[];
  /**
   * Why each VIP of `unready` is unready, one short line each (`eth0: interface has no carrier`,
   * `tracked check nginx not up`, `no BGP session established`, …; boundReason). Absent from a
   * registration written by a vipd older than the field: readers then say only that it is unready.
   */
  unreadyWhy?: Record<string, string>;
  /**
   * The state of each of the node's health checks (vipd `checks[]`): up, down or unknown.
   * Weighted tracking reads it (effectivePriority); absent from a registration written by a
   * vipd older than weighted tracking.
   */
  checks?: Record<string, string>;
  /** BGP mode: each BGP peer's session state (docs/bgp.md); absent on a node without BGP. */
  bgp?: Record<string, string>;
}

export interface Candidate {
  name: string;
  priority: number;
}

/** The priority of `node` for this VIP, or undefined when the spec does not allow it. */
export function priorityOf(spec: VipSpec, node: string): number | undefined {
  if (spec.nodes === undefined) return DEFAULT_PRIORITY;
  return spec.nodes[node]?.priority;
}

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 255;

/** A node's priority for one VIP after its weighted checks, and why it differs from its base. */
export interface EffectivePriority {
  priority: number;
  /** The spec's priority for the node. */
  base: number;
  /** One per weight applied (`nginx down: -20`), then `clamped to N` when the sum left 1..255. */
  reasons: string[];
}

/**
 * The priority `node` ranks with for this VIP: its base priority plus each weighted check's
 * weight that applies (keepalived's rule: a negative weight while the check is not up there, a
 * positive one while it is up; a check the node does not run counts as not up), kept within
 * 1..255. Undefined when the spec does not allow the node.
 */
export function effectivePriority(
  spec: VipSpec,
  node: Pick<NodeInfo, 'name' | 'checks'>,
): EffectivePriority | undefined {
  const base = priorityOf(spec, node.name);
  if (base === undefined) return undefined;
  let sum = base;
  const reasons: string[] = [];
  for (const { check, weight } of spec.trackWeighted) {
    const state = node.checks?.[check] ?? 'not configured';
    if (weight > 0 !== (state === 'up')) continue;
    sum += weight;
    reasons.push(`${check} ${state}: ${weight > 0 ? '+' : ''}${weight}`);
  }
  const priority = Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, sum));
  if (priority !== sum) reasons.push(`clamped to ${priority}`);
  return { priority, base, reasons };
}

/** True when `node` is allowed to and able to hold this VIP. */
export function isEligible(spec: VipSpec, node: NodeInfo): boolean {
  return priorityOf(spec, node.name) !== undefined && !node.drained && !node.unready.includes(spec.name);
}

/**
 * Eligible live nodes, best first: higher effective priority (effectivePriority), then name (so every node computes the same
 * order). A node the VIP is pinned to (`vip move`) comes first while it is eligible.
 */
export function rankCandidates(spec: VipSpec, nodes: Iterable<NodeInfo>, pinned?: string): Candidate[] {
  return rankGroup([spec], nodes, pinned);
}

/**
 * A VIP group's ranking (spec `group`: members live on one node and move together): a node is
 * eligible for the group only when it is eligible for every member, and ranks with the lowest of
 * its effective priorities over the members (so a weighted check of any member counts). `specs`
 * are the members, the lead (lowest name) first; with one member this is rankCandidates.
 * `pinned`: the group's pin (groupPin).
 */
export function rankGroup(
  specs: readonly VipSpec[],
  nodes: Iterable<NodeInfo>,
  pinned?: string,
): Candidate[] {
  if (specs.length === 0) return [];
  const out: Candidate[] = [];
  for (const node of nodes) {
    const priority = lowestPriority(specs, node);
    if (priority !== undefined) out.push({ name: node.name, priority });
  }
  return out.sort(
    (a, b) =>
      Number(b.name === pinned) - Number(a.name === pinned) ||
      b.priority - a.priority ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The lowest effective priority of `node` over `specs`; undefined when it is not eligible for one. */
function lowestPriority(specs: readonly VipSpec[], node: NodeInfo): number | undefined {
  let lowest: number | undefined;
  for (const spec of specs) {
    const effective = effectivePriority(spec, node);
    if (effective === undefined || !isEligible(spec, node)) return undefined;
    lowest = Math.min(lowest ?? effective.priority, effective.priority);
  }
  return lowest;
}

/** A group's pin (`vip move` of any member): the first member's, in the order given, that has one. */
export function groupPin(
  specs: readonly Pick<VipSpec, 'name'>[],
  pinOf: (vip: string) => string | undefined,
): string | undefined {
  for (const s of specs) {
    const pin = pinOf(s.name);
    if (pin !== undefined) return pin;
  }
  return undefined;
}

/** The lead of a group: its lowest-named member (the one whose leadership decides for all). */
export function groupLead(members: Iterable<string>): string | undefined {
  let lead: string | undefined;
  for (const m of members) if (lead === undefined || m < lead) lead = m;
  return lead;
}

/** True when `a` outranks `b` under the same ordering as rankCandidates. */
export function outranks(a: Candidate, b: Candidate): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.name < b.name);
}
