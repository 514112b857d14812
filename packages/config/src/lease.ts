/** The lease timings and the inequalities of docs/safety.md (pure). */

/**
 * How late the kernel may remove an address whose lifetime ended (its periodic lifetime check):
 * measured at 20–230 ms on kernel 6.18 (docs/safety.md), rounded up.
 */
export const KERNEL_LIFETIME_LATENESS_MS = 350;

export interface LeaseTimings {
  /** T: the lease TTL. */
  ttlMs: number;
  /** r: one renewal every r (keepalive + linearizable read). */
  renewIntervalMs: number;
  /** m: the local deadline is t0 + T − m. */
  fenceMarginMs: number;
  /** c: the deadline of one etcd call. */
  callTimeoutMs: number;
  /** valid_lft of an added VIP, whole seconds. */
  addressLifetimeSec: number;
}

/** valid_lft: the fence deadline T − m in whole seconds (at least 1, the kernel's minimum). */
export function addressLifetimeSec(ttlMs: number, fenceMarginMs: number): number {
  return Math.max(1, Math.floor((ttlMs - fenceMarginMs) / 1000));
}

/**
 * The inequalities of docs/safety.md, checked at start-up: one line per inequality that does
 * not hold, naming it and the values (empty when safe).
 */
export function checkLeaseTimings(l: LeaseTimings): string[] {
  const out: string[] = [];
  const { ttlMs: t, renewIntervalMs: r, fenceMarginMs: m, callTimeoutMs: c } = l;
  // One renewal may fail without fencing.
  if (2 * r > t - m) {
    out.push(
      `lease: 2r ≤ T − m does not hold: 2 × ${r} = ${2 * r} ms > ${t} − ${m} = ${t - m} ms (renewIntervalMs r, ttl T, fenceMarginMs m)`,
    );
  }
  // A hanging call cannot outlive the deadline.
  if (c >= t - m) {
    out.push(
      `etcd: c < T − m does not hold: callTimeoutMs c = ${c} ms ≥ ${t} − ${m} = ${t - m} ms (ttl T, fenceMarginMs m)`,
    );
  }
  // A killed daemon's VIP is gone before its lease can expire in etcd.
  const lifetimeMs = l.addressLifetimeSec * 1000;
  if (lifetimeMs + KERNEL_LIFETIME_LATENESS_MS > t) {
    out.push(
      `lease: valid_lft + kernel lateness ≤ T does not hold: ${lifetimeMs} + ${KERNEL_LIFETIME_LATENESS_MS} = ${lifetimeMs + KERNEL_LIFETIME_LATENESS_MS} ms > T = ${t} ms`,
    );
  }
  return out;
}
