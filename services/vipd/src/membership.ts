/**
 * The cluster's membership as this node sees it in etcd (nodes/ and drain/): the live nodes
 * every controller ranks, kept between changes; the nodes seen since start; and the members of
 * the heartbeat mesh.
 */
import { Keys, type NodeInfo, type NodeSession, type PrefixMirror, parseNodeInfo } from '@vipd/store';
import type { Member } from './peers';

export interface MembershipOptions {
  /** This node's name: its own key under nodes/ is not read back (see `current`). */
  self: string;
  keys: Keys;
  /** The mirror of nodes/. */
  nodes: Pick<PrefixMirror, 'entries'>;
  /** The mirror of drain/. */
  drains: Pick<PrefixMirror, 'get'>;
  session: () => Pick<NodeSession, 'valid'> | undefined;
  /** This node's own record (NodeState.current): a new object whenever it changes. */
  current: () => NodeInfo;
}

export class Membership {
  /** Bumped when etcd's nodes/ or drain/ change (see liveNodes). */
  private membershipVersion = 0;
  private liveCache: { version: number; valid: boolean; self: NodeInfo; nodes: NodeInfo[] } | undefined;
  private readonly seenNodes = new Set<string>();
  /** Every node registered at any time since this daemon started (as far as liveNodes read). */
  readonly seen: ReadonlySet<string> = this.seenNodes;

  constructor(private readonly o: MembershipOptions) {}

  /** etcd's nodes/ or drain/ changed: the next liveNodes() reads them again. */
  changed(): void {
    this.membershipVersion++;
  }

  /**
   * Every controller asks on every reconcile (thousands of times a second with many VIPs): the
   * answer is kept until the nodes, the drains, our own record or our session's validity change.
   */
  liveNodes(): NodeInfo[] {
    const valid = this.o.session()?.valid() === true;
    const c = this.liveCache;
    if (c && c.version === this.membershipVersion && c.valid === valid && c.self === this.o.current())
      return c.nodes;
    const nodes = this.computeLiveNodes(valid);
    this.liveCache = { version: this.membershipVersion, valid, self: this.o.current(), nodes };
    return nodes;
  }

  private computeLiveNodes(sessionValid: boolean): NodeInfo[] {
    const out: NodeInfo[] = [];
    for (const [key, entry] of this.o.nodes.entries()) {
      const name = Keys.nameUnder(this.o.keys.nodesPrefix, key);
      if (name === undefined || name === this.o.self) continue;
      const node = parseNodeInfo(name, entry.value);
      // An operator's drain applies at once, before that node has republished itself.
      if (node) out.push(this.o.drains.get(this.o.keys.drain(name)) ? { ...node, drained: true } : node);
      this.seenNodes.add(name);
    }
    if (sessionValid) out.push(this.o.current());
    return out;
  }

  /** Registered nodes (etcd) that advertise an address: the heartbeat mesh's members. */
  members(): Map<string, Member> {
    const members = new Map<string, Member>();
    for (const [key, entry] of this.o.nodes.entries()) {
      const name = Keys.nameUnder(this.o.keys.nodesPrefix, key);
      if (name === undefined) continue;
      const node = parseNodeInfo(name, entry.value);
      if (node?.advertise) members.set(name, { advertise: node.advertise, lease: entry.lease });
    }
    return members;
  }
}
