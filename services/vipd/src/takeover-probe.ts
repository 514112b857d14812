/**
 * One VIP's probe before an add, when its leadership came from a silent holder: no other host may
 * still answer ARP/NDP for the address (as IPaddr2's arping and RFC 5227 do). The probe can start
 * in the takeover wait's last moments, so that it costs the takeover nothing when nobody answers.
 */
import { type Clock, errorLine, type Logger } from '@vipd/log';
import type { VipSpec } from '@vipd/store';
import type { Kernel } from './kernel';

/** An address the probe looks for: a VIP's, or each member's of a group the VIP leads. */
export interface ProbeTarget {
  ifname: string;
  spec: VipSpec;
}

/** The MACs that answer for any of `targets` (probes close together share one per interface). */
async function ownersOf(
  kernel: Pick<Kernel, 'probeBeforeAdd'>,
  targets: readonly ProbeTarget[],
): Promise<string[]> {
  const answers = await Promise.all(targets.map((t) => kernel.probeBeforeAdd(t.ifname, t.spec)));
  return [...new Set(answers.flat())];
}

/** One key for a set of targets (an early probe stands in only for the same set). */
const targetsKey = (targets: readonly ProbeTarget[]): string =>
  targets.map((t) => `${t.ifname} ${t.spec.address}`).join(',');

/** How long an early probe that nobody answered stands in for one at the add. */
const EARLY_PROBE_VALID_MS = 250;
/** While another host still answers for a VIP we took over, how often to probe again. */
const PROBE_RETRY_MS = 50;
/** Past the old address's lifetime, how much longer its answers are waited out. */
const PROBE_MARGIN_MS = 500;

export interface TakeoverProbeOptions {
  kernel: Pick<Kernel, 'probeBeforeAdd'>;
  clock: Clock;
  addressLifetimeSec: number;
  /** The controller's logger (its VIP's name on every line). */
  log: Logger;
  /** The controller looks again in `ms` (a probe that found an answer). */
  wake: (ms: number) => void;
}

export class TakeoverProbe {
  /** Set when leadership came from a silent holder: probe before adding (see free). */
  private first: { revision: string; since: number; logged?: boolean } | undefined;
  /** The wire probe started in a takeover wait's last moments (see startEarly). */
  private early: { at: number; key: string; owners: Promise<string[]> } | undefined;

  constructor(private readonly o: TakeoverProbeOptions) {}

  /** Leadership at `revision` came from a silent holder: the add at that revision probes first. */
  arm(revision: string): void {
    this.first = { revision, since: this.o.clock.now() };
  }

  /** Whether the add at `revision` must wait for free() first. */
  armedFor(revision: string): boolean {
    return this.first?.revision === revision;
  }

  /**
   * Called under the controller's kernel lock, before adding a VIP taken from a silent holder
   * (armedFor): true once no other host answers for it. The old holder's agent should have
   * removed it, but if vipd died with its agent (a whole unit killed), only the kernel lifetime
   * ends the old address: wait, up to that lifetime (and a margin) from the acquisition, then add
   * anyway (what answers then is not an old holder; the duplicate-owner probe reports it).
   */
  async free(targets: readonly ProbeTarget[], revision: string): Promise<boolean> {
    const p = this.first!;
    const early = this.early;
    this.early = undefined;
    const { clock, kernel, log, addressLifetimeSec } = this.o;
    let owners: string[];
    try {
      // A probe from the wait's last moments counts when nobody answered it and it is recent;
      // anything else (an answer, an old one) is probed again now.
      const earlyOwners =
        early && early.key === targetsKey(targets) && clock.now() - early.at <= EARLY_PROBE_VALID_MS
          ? await early.owners.catch(() => undefined)
          : undefined;
      owners = earlyOwners?.length === 0 ? [] : await ownersOf(kernel, targets);
    } catch (err) {
      log.warn({ rev: revision, err: errorLine(err) }, 'takeover probe failed; adding without it');
      owners = [];
    }
    const waited = clock.now() - p.since;
    if (owners.length > 0 && waited < addressLifetimeSec * 1000 + PROBE_MARGIN_MS) {
      if (!p.logged) {
        p.logged = true;
        log.warn(
          { rev: revision, macs: owners, lifetimeSec: addressLifetimeSec },
          'another host still answers for the VIP (its old holder not fenced?): waiting until it stops',
        );
      }
      this.o.wake(PROBE_RETRY_MS);
      return false;
    }
    if (owners.length > 0)
      log.error(
        { rev: revision, macs: owners, waitedMs: Math.round(waited) },
        'another host still answers for the VIP past the old address lifetime: adding it anyway',
      );
    else if (p.logged)
      log.info({ rev: revision, waitedMs: Math.round(waited) }, 'the VIP is free on the wire now');
    this.first = undefined;
    return true;
  }

  /** Starts the takeover's wire probe before the wait ends (once; see free). */
  startEarly(now: number, targets: readonly ProbeTarget[]): void {
    if (this.early && now - this.early.at <= EARLY_PROBE_VALID_MS) return;
    const owners = ownersOf(this.o.kernel, targets);
    owners.catch(() => undefined); // looked at (or dropped) by free()
    this.early = { at: now, key: targetsKey(targets), owners };
  }
}
