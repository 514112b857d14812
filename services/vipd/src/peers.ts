/**
 * The daemon's side of the heartbeat mesh: who the peers are (from etcd), what they report,
 * and the contact evidence for the fast fence (our own beats they echo back while their etcd
 * view still has our lease).
 */
import { EventEmitter } from 'node:events';
import type * as grpc from '@grpc/grpc-js';
import {
  type BeatKeyring,
  type HeldVip,
  type LocalBeat,
  meshChannelCredentials,
  type MeshTls,
  PeerMesh,
  type PeerState,
  type ReceivedBeat,
} from '@vipd/heartbeat';
import type { Clock, Logger } from '@vipd/log';
import { BeatStats } from './beat-stats';
import type { PeerReport } from './fast-takeover';
import type { PeerStatus } from './status-report';

export interface Member {
  advertise: string;
  /** The member's lease, as its node key carries it. */
  lease: string;
}

export interface PeersEvents {
  /** Contact or a peer's report changed: re-evaluate fences and takeovers. */
  changed: [];
  suspect: [node: string];
  alive: [node: string];
  /** Heartbeat round trip to a peer (see beat-stats.ts), for the metrics. */
  rtt: [node: string, ms: number];
  /** Beats of a peer that arrived on no stream. */
  missed: [node: string, count: number];
  /** A peer left the member set. */
  removed: [node: string];
  /** A heard peer's list of held VIPs differs from its previous beat's. */
  heldChanged: [node: string];
  /** This peer's beats say it stopped hearing ours (see unheardByAny). */
  unheard: [node: string];
  /** A beat that did not verify, or an inbound stream refused (see packages/heartbeat). */
  rejected: [reason: string];
}

export class Peers extends EventEmitter<PeersEvents> {
  private readonly mesh: PeerMesh;
  private members = new Map<string, Member>();
  /** Members without etcd at their last beat: since when (see departed). */
  private readonly etcdLessSince = new Map<string, number>();
  /**
   * Members whose registration went (their lease expired in etcd, e.g. after an outage) while
   * their last beat said they kept VIPs without etcd: what they held, until when it counts.
   */
  private readonly departed = new Map<string, { held: Set<string>; unknown: boolean; until: number }>();
  private readonly departedKeepMs: number;
  /** When the member set last turned non-empty (see membersSince). */
  private since: number | undefined;
  /** Per peer: the latest of our send times it echoed while its view had our lease. */
  private readonly echoes = new Map<string, number>();
  /** Per peer: the held list of its latest beat (to tell when it changes). */
  private readonly heldSeen = new Map<string, readonly HeldVip[]>();
  /**
   * The same lists by VIP: who says it holds each, at which revision (suspicion is checked when
   * asked). holdersOf and failsafeHoldersOf run for every VIP on every evaluation; with 2000 VIPs
   * scanning every peer's list each time costs millions of comparisons a second.
   */
  private readonly heldIndex = new Map<string, Map<string, string>>();
  /**
   * Peers whose held set is not known now (their beats name a version whose changes have not
   * reached us yet, e.g. while a restarted or late-joining node gathers a large set): they may
   * hold any VIP. holdersOf lists them with revision '' (no newer revision to yield to, but a
   * claim: no failsafe keep past the lease), failsafeHoldersOf when they cannot reach etcd (do
   * not add); heldBy and allHeld give nothing for them (no yield hint).
   */
  private readonly heldUnknown = new Set<string>();
  /** Peers whose latest beat says they do not hear us (see unheardByAny). */
  private readonly unheardBy = new Set<string>();
  /** Peers whose latest beat reports us suspect (silent past their threshold). */
  private readonly suspectedBy = new Set<string>();
  private readonly unheardAfterMs: number;
  /** Whom each peer last reported suspect (joined names). */
  private readonly suspectsSeen = new Map<string, string>();
  private readonly stats: BeatStats;
  private readonly clock: Clock;
  private readonly maxRttMs: number;

  constructor(
    private readonly self: string,
    private readonly myLease: () => string,
    opts: {
      intervalMs: number;
      suspectAfterMisses: number;
      localBeat: () => LocalBeat;
      clock: Clock;
      log: Logger;
      /** Mutual TLS for outbound streams (the server side is the daemon's gRPC server). */
      tls?: MeshTls;
      /** The cluster's beat key: beats are signed, and only verified ones count. */
      keyring: BeatKeyring;
      /**
       * How long a member that left the membership while it said it kept VIPs without etcd (for
       * at least as long) still counts as keeping them (failsafeHoldersOf): until it has certainly
       * stopped hearing us and let them go (suspicion S + Df + slack). 0: not at all.
       */
      departedKeepMs?: number;
    },
  ) {
    super();
    this.departedKeepMs = opts.departedKeepMs ?? 0;
    this.stats = new BeatStats(self);
    this.clock = opts.clock;
    this.maxRttMs = opts.intervalMs * opts.suspectAfterMisses;
    this.unheardAfterMs = opts.intervalMs * 1.5;
    this.mesh = new PeerMesh({
      self,
      intervalMs: opts.intervalMs,
      suspectAfterMisses: opts.suspectAfterMisses,
      clock: opts.clock,
      log: opts.log,
      credentials: meshChannelCredentials(opts.tls),
      keyring: opts.keyring,
      // Inbound streams speak only for the node whose registration matches their certificate
      // (mTLS) or their source address (plaintext).
      binding: opts.tls ? 'certificate' : 'address',
      localBeat: () => ({ ...opts.localBeat(), peerLeases: this.peerLeases() }),
    });
    this.mesh.on('beat', (node, beat) => this.onBeat(node, beat));
    this.mesh.on('rejected', (reason) => this.emit('rejected', reason));
    this.mesh.on('suspect', (node) => {
      opts.log.warn({ peer: node }, 'peer suspect: no heartbeat');
      this.emit('suspect', node);
      this.emit('changed');
    });
    this.mesh.on('removed', (node) => {
      // Without etcd for a while: a node that just revoked its own lease (a SIGTERM, a graceful
      // shutdown) says so for a beat or two and hands its VIPs over; it keeps nothing.
      const etcdLess = this.etcdLessSince.get(node);
      const now = this.clock.now();
      if (etcdLess !== undefined && this.departedKeepMs > 0 && now - etcdLess >= this.departedKeepMs) {
        this.departed.set(node, {
          held: new Set((this.heldSeen.get(node) ?? []).map((h) => h.name)),
          unknown: this.heldUnknown.has(node),
          until: now + this.departedKeepMs,
        });
      }
      this.etcdLessSince.delete(node);
      this.stats.forget(node);
      this.unheardBy.delete(node);
      this.suspectedBy.delete(node);
      this.indexHeld(node, []);
      this.heldSeen.delete(node);
      this.heldUnknown.delete(node);
      this.suspectsSeen.delete(node);
      this.emit('removed', node);
    });
    this.mesh.on('alive', (node) => {
      opts.log.info({ peer: node }, 'peer alive');
      this.emit('alive', node);
      this.emit('changed');
    });
  }

  addToServer(server: grpc.Server): void {
    this.mesh.addToServer(server);
  }

  /** The registered peers (from nodes/ in etcd), without ourselves. */
  setMembers(members: Map<string, Member>): void {
    members.delete(this.self);
    if (members.size === 0) this.since = undefined;
    else if (this.members.size === 0) this.since = this.clock.now();
    this.members = members;
    for (const node of this.echoes.keys()) if (!members.has(node)) this.echoes.delete(node);
    this.mesh.setPeers(new Map([...members].map(([n, m]) => [n, m.advertise])));
  }

  hasMembers(): boolean {
    return this.members.size > 0;
  }

  /** When the member set last turned non-empty (monotonic), undefined while it is empty. */
  membersSince(): number | undefined {
    return this.since;
  }

  memberNames(): string[] {
    return [...this.members.keys()];
  }

  member(node: string): Member | undefined {
    return this.members.get(node);
  }

  /** Some member has not been heard from for longer than `ms` (or never). */
  missingAny(ms: number): boolean {
    const view = this.mesh.view();
    for (const node of this.members.keys()) {
      const ago = view.get(node)?.lastSeenMsAgo;
      if (ago === undefined || ago > ms) return true;
    }
    return false;
  }

  /**
   * Some member we hear says it does not hear us: its latest beat reports our last beat older
   * than 1.5 intervals, or us suspect. The loss is one-way (its path to us works, ours to it
   * drops our larger beats), so our own view of the mesh looks whole. It says so from 1.5
   * intervals on, well before it suspects us (at suspectAfterMisses intervals).
   */
  unheardByAny(): boolean {
    for (const node of this.unheardBy) if (this.members.has(node)) return true;
    return false;
  }

  /** Echoed send times of our beats (contact evidence for the fast fence). */
  echoTimes(): number[] {
    return [...this.echoes.values()];
  }

  state(node: string): PeerState | undefined {
    return this.mesh.view().get(node);
  }

  /** What our mesh and each member's latest beat say (for shouldRevoke). */
  reports(): Map<string, PeerReport | undefined> {
    const view = this.mesh.view();
    const out = new Map<string, PeerReport | undefined>();
    for (const node of this.members.keys()) {
      const s = view.get(node);
      if (!s) {
        out.set(node, undefined);
        continue;
      }
      const suspects = new Set((s.lastBeat?.peers ?? []).filter((p) => p.suspect).map((p) => p.node));
      out.set(node, { suspect: s.suspect, suspects });
    }
    return out;
  }

  /**
   * Non-suspect peers whose latest beat says they hold `vip`, with their revisions; a peer whose
   * held set is unknown now comes with revision '' (it may hold it).
   */
  holdersOf(vip: string): { node: string; revision: string }[] {
    const out: { node: string; revision: string }[] = [];
    for (const { node, revision } of this.claimants(vip)) out.push({ node, revision });
    return out;
  }

  /** Whether any peer counted by holdersOf says it holds `vip` (no list built: the guard asks often). */
  hasClaimant(vip: string): boolean {
    return !this.claimants(vip).next().done;
  }

  /**
   * Heard members that cannot reach etcd and say they hold `vip`: they keep it under
   * onEtcdLoss: failsafe, whatever etcd says now. Nobody adds it until they let it go.
   */
  failsafeHoldersOf(vip: string): string[] {
    const out: string[] = [];
    for (const c of this.claimants(vip)) if (c.beat?.etcdOk === false) out.push(c.node);
    for (const node of this.departedHolders(vip)) if (!out.includes(node)) out.push(node);
    return out;
  }

  /** Heard (non-suspect) members that say they hold `vip`, or whose held set is unknown now (''). */
  private *claimants(vip: string): Generator<{ node: string; revision: string; beat?: ReceivedBeat }> {
    const claims = this.heldIndex.get(vip);
    if (claims === undefined && this.heldUnknown.size === 0) return;
    const view = this.mesh.view();
    const heard = (node: string) => {
      const s = view.get(node);
      return s && !s.suspect && this.members.has(node) ? s : undefined;
    };
    for (const [node, revision] of claims ?? []) {
      const s = heard(node);
      if (s) yield { node, revision, beat: s.lastBeat };
    }
    for (const node of this.heldUnknown) {
      const s = heard(node);
      if (s) yield { node, revision: '', beat: s.lastBeat };
    }
  }

  /**
   * Former members that kept `vip` without etcd when their registration went: a node back on
   * etcd with a new lease no longer counts them as members (and no longer hears them), yet they
   * may still have the address until they notice, having lost us too, that their failsafe ended.
   */
  private departedHolders(vip: string): string[] {
    if (this.departed.size === 0) return [];
    const now = this.clock.now();
    const out: string[] = [];
    for (const [node, d] of this.departed) {
      if (now >= d.until || this.members.has(node)) this.departed.delete(node);
      else if (d.unknown || d.held.has(vip)) out.push(node);
    }
    return out;
  }

  /** Every member as the mesh sees it now, for `vipd status` (status-report.ts). */
  statusView(): PeerStatus[] {
    const view = this.mesh.view();
    return [...this.members].map(([name, m]) => {
      const s = view.get(name);
      const beat = s?.lastBeat;
      return {
        name,
        address: m.advertise,
        connected: s?.connected ?? false,
        suspect: s?.suspect ?? false,
        lastBeatMsAgo: s?.lastSeenMsAgo === undefined ? null : Math.round(s.lastSeenMsAgo),
        health: beat ? String(beat.health) : null,
        etcdOk: beat ? beat.etcdOk : null,
        held:
          !beat || beat.heldKnown === false || this.heldUnknown.has(name)
            ? null
            : beat.held.map((h) => ({ name: h.name, revision: h.revision })),
      };
    });
  }

  /** What a heard (non-suspect) member's latest beat says it holds. */
  heldBy(node: string): { node: string; vip: string; revision: string }[] {
    const s = this.mesh.view().get(node);
    if (!s || s.suspect || !this.members.has(node)) return [];
    return (s.lastBeat?.held ?? []).map((h) => ({ node, vip: h.name, revision: h.revision }));
  }

  /** Every VIP that heard (non-suspect) members say they hold, with revisions. */
  *allHeld(): Generator<{ node: string; vip: string; revision: string }> {
    for (const [node, s] of this.mesh.view()) {
      if (s.suspect || !this.members.has(node)) continue;
      for (const h of s.lastBeat?.held ?? []) yield { node, vip: h.name, revision: h.revision };
    }
  }

  /**
   * Nobody can add a VIP we keep without first hearing that we hold it: every member is heard
   * (not suspect), none reports us suspect, and each either cannot reach etcd (so cannot
   * acquire anything) or reaches it and still sees our lease, having echoed a beat of ours sent
   * at or after `echoSince` (our clock; Infinity: no member may reach etcd). A member that sees
   * our lease end stops echoing it within its watch lag; until then it hears our beats list the
   * VIP and does not add it (failsafeHoldersOf).
   */
  noneCanTakeOver(echoSince: number): boolean {
    // Suspicion, not the earlier unheardBy warning (1.5 beats): one late beat on a busy host
    // must not end a failsafe that cannot be taken up again until etcd returns.
    if (this.suspectedBy.size > 0) return false;
    const view = this.mesh.view();
    for (const node of this.members.keys()) {
      const s = view.get(node);
      if (!s || s.suspect || !s.lastBeat) return false;
      if (s.lastBeat.etcdOk && (this.echoes.get(node) ?? -Infinity) < echoSince) return false;
    }
    return true;
  }

  stop(): void {
    this.mesh.stop();
  }

  private peerLeases(): Record<string, string> {
    return Object.fromEntries([...this.members].map(([n, m]) => [n, m.lease]));
  }

  private onBeat(node: string, beat: ReceivedBeat): void {
    if (beat.etcdOk) this.etcdLessSince.delete(node);
    else if (!this.etcdLessSince.has(node)) this.etcdLessSince.set(node, this.clock.now());
    if (beat.heldKnown === false) {
      if (!this.heldUnknown.has(node)) {
        this.heldUnknown.add(node);
        this.indexHeld(node, []);
        this.heldSeen.set(node, []);
        this.emit('changed');
      }
    } else if (this.heldUnknown.delete(node) || !sameHeld(this.heldSeen.get(node), beat.held)) {
      this.indexHeld(node, beat.held);
      this.heldSeen.set(node, beat.held);
      this.emit('heldChanged', node);
    }
    const lease = this.myLease();
    const sample = this.stats.observe(beat, this.clock.now(), lease, this.maxRttMs);
    if (sample.rttMs !== undefined) this.emit('rtt', node, sample.rttMs);
    if (sample.missed > 0) this.emit('missed', node, sample.missed);
    let changed = false;
    // Whom the sender reports suspect: a takeover waits for every member's word, and the beat
    // that carries a new suspicion need not carry a new echo.
    const suspects = beat.peers
      .filter((p) => p.suspect)
      .map((p) => p.node)
      .join(',');
    if ((this.suspectsSeen.get(node) ?? '') !== suspects) {
      this.suspectsSeen.set(node, suspects);
      changed = true;
    }
    const me = beat.peers.find((p) => p.node === this.self);
    const missesUs = me !== undefined && (me.suspect || (me.lastSeenMsAgo ?? 0) > this.unheardAfterMs);
    if (missesUs && !this.unheardBy.has(node)) {
      this.unheardBy.add(node);
      this.emit('unheard', node);
    } else if (!missesUs) this.unheardBy.delete(node);
    if (me?.suspect) this.suspectedBy.add(node);
    else this.suspectedBy.delete(node);
    if (me && lease !== '' && me.leaseId === lease && me.echoSentAtMs > 0) {
      const before = this.echoes.get(node) ?? 0;
      if (me.echoSentAtMs > before) {
        this.echoes.set(node, me.echoSentAtMs);
        changed = true;
      }
    }
    if (changed) this.emit('changed');
  }
  /** Replaces `node`'s entries in heldIndex with `held`. */
  private indexHeld(node: string, held: readonly HeldVip[]): void {
    for (const h of this.heldSeen.get(node) ?? []) {
      const claims = this.heldIndex.get(h.name);
      claims?.delete(node);
      if (claims?.size === 0) this.heldIndex.delete(h.name);
    }
    for (const h of held) {
      let claims = this.heldIndex.get(h.name);
      if (claims === undefined) this.heldIndex.set(h.name, (claims = new Map()));
      claims.set(node, h.revision);
    }
  }
}

function sameHeld(a: readonly HeldVip[] | undefined, b: readonly HeldVip[]): boolean {
  if (a === b) return true; // a peer's set, unchanged, is the same array beat after beat
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || a[i]!.revision !== b[i]!.revision) return false;
  }
  return true;
}
