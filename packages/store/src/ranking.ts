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

/** True when `node` is allowed to and able to hold this VIP. */
export function isEligible(spec: VipSpec, node: NodeInfo): boolean {
  return priorityOf(spec, node.name) !== undefined && !node.drained && !node.unready.includes(spec.name);
}

/**
 * Eligible live nodes, best first: higher priority, then name (so every node computes the same
 * order). A node the VIP is pinned to (`vip move`) comes first while it is eligible.
 */
export function rankCandidates(spec: VipSpec, nodes: Iterable<NodeInfo>, pinned?: string): Candidate[] {
  const out: Candidate[] = [];
  for (const node of nodes) {
    const priority = priorityOf(spec, node.name);
    if (priority !== undefined && isEligible(spec, node)) out.push({ name: node.name, priority });
  }
  return out.sort(
    (a, b) =>
      Number(b.name === pinned) - Number(a.name === pinned) ||
      b.priority - a.priority ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}
/** True when `a` outranks `b` under the same ordering as rankCandidates. */
export function outranks(a: Candidate, b: Candidate): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.name < b.name);
}
