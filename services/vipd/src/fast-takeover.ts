/**
 * The arithmetic of docs/fast-takeover.md, pure: the holder's fast-fence deadline, the wait
 * before a taken-over VIP may be added again, and whether this node should revoke a silent
 * holder's lease. All times are monotonic milliseconds of the node that evaluates them.
 */

export { checkTimings, PROFILES, suspectMs, takeoverWaitMs, type TakeoverTimings } from '@vipd/config';

export interface ContactInput {
  /** Send time of the last renewal that etcd confirmed (keepalive + linearizable read). */
  lastEtcdOkAt: number | undefined;
  /** Our own beat send times that peers echoed back while their etcd view had our lease. */
  echoes: Iterable<number>;
  /** Whether any peer is registered (without peers only the etcd deadline applies). */
  hasPeers: boolean;
  /**
   * When the first peer of the current membership registered (our clock). Until then this node
   * renewed at the plain interval, so its last renewal may be older than Df: the fence counts
   * from here at the earliest (the new peer cannot suspect us before S ≥ Df after it came).
   */
  peersSince?: number;
  holderFenceMs: number;
}

/** The time of the latest contact, or undefined when there was none. */
export function lastContact(i: Pick<ContactInput, 'lastEtcdOkAt' | 'echoes'>): number | undefined {
  let best = i.lastEtcdOkAt;
  for (const e of i.echoes) if (best === undefined || e > best) best = e;
  return best;
}

/** When the holder must have dropped its VIPs (fast fence); undefined: rule not in force. */
export function fastFenceDeadline(i: ContactInput): number | undefined {
  if (!i.hasPeers) return undefined;
  const c = lastContact(i);
  if (c === undefined) return undefined;
  return Math.max(c, i.peersSince ?? -Infinity) + i.holderFenceMs;
}

export interface PeerReport {
  /** This node's mesh says the peer is suspect. */
  suspect: boolean;
  /** The peer's latest beat: which nodes it considers suspect. */
  suspects: ReadonlySet<string>;
}

export interface RevokeInput {
  self: string;
  /** The silent holder. */
  target: string;
  /** Our etcd session is valid (we can write). */
  etcdOk: boolean;
  /** Every registered node but us (from etcd), with what our mesh knows of it. */
  members: ReadonlyMap<string, PeerReport | undefined>;
}

/**
 * Rule 1–4 of docs/fast-takeover.md: revoke only with etcd, only when the target is suspect
 * here and at every other member we hear, only when we hear every other member, and only if
 * we are the first such member by name.
 */
export function shouldRevoke(i: RevokeInput): { ok: true } | { ok: false; reason: string } {
  if (!i.etcdOk) return { ok: false, reason: 'no etcd session' };
  const target = i.members.get(i.target);
  if (!target?.suspect) return { ok: false, reason: `${i.target} is not suspect here` };
  const voters = [i.self];
  for (const [name, report] of i.members) {
    if (name === i.target) continue;
    if (!report || report.suspect)
      return { ok: false, reason: `cannot hear ${name}; it may still hear ${i.target}` };
    if (!report.suspects.has(i.target)) return { ok: false, reason: `${name} still hears ${i.target}` };
    voters.push(name);
  }
  voters.sort();
  if (voters[0] !== i.self) return { ok: false, reason: `${voters[0]} revokes` };
  return { ok: true };
}
