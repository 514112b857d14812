/**
 * VIPs whose add the kernel refused on this node (KernelRefusedError: a scope it will not take
 * for that address here, a route whose gateway it cannot reach, …). The holder that met the
 * refusal lets the leadership go at once; the VIP then counts as one this node cannot serve: it
 * is in the node's unready list, so every node ranks this one out of it (another node takes it,
 * or nobody holds it and every node that tried says why) and `vipadm vip get` shows it, until the
 * VIP's spec changes (any `vipadm vip set`) or vipd restarts.
 */
export class AddRefusals {
  private readonly refused = new Map<string, string>();

  /** Records why; false when it was recorded already. */
  refuse(vip: string, why: string): boolean {
    const known = this.refused.has(vip);
    this.refused.set(vip, why);
    return !known;
  }

  /** Its spec changed (or went): try again. True when there was a refusal to forget. */
  clear(vip: string): boolean {
    return this.refused.delete(vip);
  }

  unready(): ReadonlyMap<string, string> {
    return this.refused;
  }
}

/** Both maps of VIPs unready for reasons of their own, the first's reason first. */
export function mergeUnready(
  a: ReadonlyMap<string, string> | undefined,
  b: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  if (a === undefined || a.size === 0) return b;
  if (b.size === 0) return a;
  const out = new Map(b);
  for (const [vip, why] of a) out.set(vip, why);
  return out;
}
