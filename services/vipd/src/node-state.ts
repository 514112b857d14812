/**
 * This node's registration as peers see it (nodes/<self>): drained (config, maintenance file,
 * an operator's drain key), the VIPs it cannot serve now (interface missing or down, a
 * tracked check not up, …) with one short reason each (`vipadm vip get` shows it), and the
 * state of each health check (weighted tracking: every node ranks this one by its effective
 * priority, @vipd/store's effectivePriority). Republished under the node lease whenever it
 * changes.
 */
import { existsSync } from 'node:fs';
import type { CheckRunner } from '@vipd/checks';
import type { VipdConfig } from '@vipd/config';
import { errorLine, type Logger } from '@vipd/log';
import {
  boundReason,
  interfaceFor,
  type Keys,
  type NodeInfo,
  type NodeSession,
  type PrefixMirror,
  priorityOf,
  type SpecWatcher,
} from '@vipd/store';
import type { Kernel } from './kernel';

export interface NodeStateDeps {
  config: VipdConfig;
  keys: Keys;
  vips: SpecWatcher;
  drains: PrefixMirror;
  checks: CheckRunner;
  kernel: Kernel;
  session: () => NodeSession | undefined;
  /** Eligibility changed: controllers must look again. */
  onChange: () => void;
  /** VIPs unready for reasons of their own (a virtual service below its quorum), with why. */
  unready?: () => ReadonlyMap<string, string> | undefined;
  /** BGP mode: each peer's session state, published with the registration (vipadm node list). */
  bgp?: () => Record<string, string>;
  log: Logger;
}

export class NodeState {
  private info: NodeInfo;
  private maintenance = false;
  private readinessPending = false;
  /**
   * The last publish of readiness failed (the lease was gone, etcd unreachable): the next check
   * publishes even if nothing changed. `info` itself always says what is true now: a new
   * registration publishes it, and a VIP this node cannot serve must never go out as ready.
   */
  private unpublished = false;

  constructor(private readonly d: NodeStateDeps) {
    const n = d.config.node;
    this.info = {
      name: n.name,
      advertise: n.advertise,
      labels: n.labels,
      drained: n.drained,
      unready: [],
      unreadyWhy: {},
    };
  }

  get current(): NodeInfo {
    return this.info;
  }

  /** drained = the config's switch, the maintenance file or an operator's drain/<self> key. */
  applyDrain(): void {
    const drained =
      this.d.config.node.drained ||
      this.maintenance ||
      this.d.drains.get(this.d.keys.drain(this.info.name)) !== undefined;
    if (drained === this.info.drained) return;
    this.info = { ...this.info, drained };
    this.d.log.warn(
      { drained },
      drained ? 'node drained: giving up every VIP' : 'node undrained: eligible again',
    );
    // A failure is retried by the next readiness check (publish).
    void this.publish();
  }

  /** The maintenance ("down") file: while it exists the node is drained. */
  checkMaintenance(): void {
    const file = this.d.config.node.maintenanceFile;
    const present = file !== undefined && existsSync(file);
    if (present === this.maintenance) return;
    this.maintenance = present;
    this.d.log.warn({ file, present }, present ? 'maintenance file present' : 'maintenance file gone');
    this.applyDrain();
    this.d.onChange();
  }

  /**
   * Marks VIPs unready at once, without the full check's waits (a BGP session lost at a fence):
   * what this node ranks by and what a registration it opens next publishes must say so before
   * anything else runs. Only adds; the next full check (checkReadiness) recomputes every reason.
   */
  markUnreadyNow(why: ReadonlyMap<string, string>): void {
    const added = [...why.keys()].filter((n) => !this.info.unready.includes(n));
    if (added.length === 0) return;
    const unready = [...this.info.unready, ...added].sort();
    const unreadyWhy = { ...this.info.unreadyWhy };
    for (const vip of added) unreadyWhy[vip] = boundReason(why.get(vip) ?? '');
    this.info = { ...this.info, unready, unreadyWhy: sortedReasons(unreadyWhy) };
    this.d.log.warn({ unready, why: Object.fromEntries(why) }, 'VIPs this node cannot serve changed');
    void this.publish();
    this.d.onChange();
  }

  /** Publishes `info` under the lease; a failure leaves it to the next check (unpublished). */
  private publish(): Promise<void> {
    const session = this.d.session();
    // Without a session, the next registration publishes `info` itself: nothing is pending.
    if (!session) {
      this.unpublished = false;
      return Promise.resolve();
    }
    return session.update(this.info).then(
      () => {
        this.unpublished = false;
      },
      (err: unknown) => {
        this.unpublished = true;
        this.d.log.warn({ err: errorLine(err) }, 'could not publish readiness; will retry');
      },
    );
  }

  /** One readiness check for a burst of new specs (it looks at every spec and the links). */
  checkReadinessSoon(): void {
    if (this.readinessPending) return;
    this.readinessPending = true;
    setImmediate(() => {
      this.readinessPending = false;
      this.checkReadiness().catch((err) =>
        this.d.log.warn({ err: errorLine(err) }, 'readiness check failed'),
      );
    });
  }

  /**
   * Marks the VIPs this node cannot serve now: interface missing or down, or a tracked check
   * not up (unknown counts as not up), and takes the state of every check. Publishes both when
   * either changes; the holder of such a VIP then hands it over at once, and a weighted check
   * that changed reorders the candidates everywhere.
   */
  async checkReadiness(): Promise<void> {
    const links = new Map<string, { ready: boolean; reason?: string }>();
    // Until every interface a spec names has been read: a spec may arrive (or move to another
    // interface) while a link is read.
    for (let unread = this.unreadLinks(links); unread.length > 0; unread = this.unreadLinks(links))
      for (const ifname of unread) links.set(ifname, await this.d.kernel.link(ifname));
    // From here on nothing awaits until `info` is replaced: every source is read now, never
    // before the links were (a BGP session lost at a fence while a link was read, and marked by
    // markUnreadyNow, was overwritten by a check that had read the session before).
    const unready: string[] = [];
    const why: Record<string, string> = {};
    const checks = this.d.checks;
    // Once per check, not per VIP: each source walks every spec (bgpUnready).
    const others = this.d.unready?.();
    for (const spec of this.d.vips.specs().values()) {
      if (priorityOf(spec, this.info.name) === undefined) continue;
      const ifname = interfaceFor(spec, this.info.name);
      const link = links.get(ifname) ?? { ready: false };
      const failing = spec.track.filter(
        (name) => !checks.names().includes(name) || checks.state(name) !== 'up',
      );
      const other = others?.get(spec.name);
      if (!link.ready) why[spec.name] = `${ifname}: ${link.reason ?? 'not ready'}`;
      else if (failing.length) why[spec.name] = trackedNotUp(failing);
      else if (other !== undefined) why[spec.name] = other;
      else continue;
      unready.push(spec.name);
    }
    unready.sort();
    const unreadyWhy = sortedReasons(
      Object.fromEntries(unready.map((vip) => [vip, boundReason(why[vip] ?? '')])),
    );
    const states = Object.fromEntries(checks.names().map((name) => [name, checks.state(name)]));
    const checksChanged = JSON.stringify(states) !== JSON.stringify(this.info.checks ?? {});
    const unreadyChanged = unready.join(',') !== this.info.unready.join(',');
    const bgp = this.d.bgp?.();
    const bgpChanged = JSON.stringify(bgp) !== JSON.stringify(this.info.bgp);
    // A reason alone changing (a link down, then missing) is published, but changes no ranking.
    const whyChanged = JSON.stringify(unreadyWhy) !== JSON.stringify(this.info.unreadyWhy ?? {});
    const changed = unreadyChanged || checksChanged || bgpChanged;
    if (!changed && !whyChanged && !this.unpublished) return;
    if (unreadyChanged || whyChanged)
      this.d.log.warn({ unready, why }, 'VIPs this node cannot serve changed');
    if (checksChanged) this.d.log.info({ checks: states }, 'check states published');
    this.info = { ...this.info, unready, unreadyWhy, checks: states, ...(bgp !== undefined && { bgp }) };
    await this.publish();
    // A retried publish changes nothing here: controllers look again only after a change.
    if (changed) this.d.onChange();
  }

  /** The interfaces this node's specs name that `links` has not read yet. */
  private unreadLinks(links: ReadonlyMap<string, unknown>): string[] {
    const unread = new Set<string>();
    for (const spec of this.d.vips.specs().values()) {
      if (priorityOf(spec, this.info.name) === undefined) continue;
      const ifname = interfaceFor(spec, this.info.name);
      if (!links.has(ifname)) unread.add(ifname);
    }
    return [...unread];
  }
}

/** `tracked check nginx not up`, `tracked checks a, b not up`. */
function trackedNotUp(failing: string[]): string {
  return failing.length === 1
    ? `tracked check ${failing[0]} not up`
    : `tracked checks ${failing.join(', ')} not up`;
}

/** By VIP name, so that an unchanged set of reasons encodes the same. */
function sortedReasons(why: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(why).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
