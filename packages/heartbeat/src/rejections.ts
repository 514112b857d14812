/**
 * Beats not counted and inbound streams refused (beat-auth.ts, binding.ts), from either side
 * of the mesh: what each is, and the log of them. Only the first of each stream is logged, and
 * at most REJECT_LOG_LINES lines per REJECT_LOG_WINDOW_MS; the streams held back are counted
 * in the next line. Every rejection is counted by the mesh (its `rejected` event) all the same.
 */
import type { Clock, Logger } from '@vipd/log';
import type { RejectReason } from './beat-auth';

/** Rejection log lines (one per stream) allowed per window; the rest are counted only. */
export const REJECT_LOG_LINES = 5;
export const REJECT_LOG_WINDOW_MS = 10_000;

/** A beat not counted, or a stream refused (the mesh logs and counts these). */
export interface Rejection {
  reason: RejectReason;
  /** The node the beat claims to come from. */
  node: string;
  /** The stream's remote end (grpc-js peer string, or the address we dialled). */
  peer: string;
  inbound: boolean;
  /** The first rejection on its stream (log one line per stream). */
  firstOnStream: boolean;
  detail?: string;
}

/** The rate-limited log of rejections (one line per stream, REJECT_LOG_LINES per window). */
export class RejectionLog {
  private since = -Infinity;
  private lines = 0;
  private suppressed = 0;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  add(r: Rejection): void {
    if (!r.firstOnStream) return;
    const now = this.clock.now();
    if (now - this.since > REJECT_LOG_WINDOW_MS) {
      this.since = now;
      this.lines = 0;
    }
    if (this.lines >= REJECT_LOG_LINES) {
      this.suppressed++;
      return;
    }
    this.lines++;
    const fields: Record<string, unknown> = {
      claimed: r.node,
      peer: r.peer,
      direction: r.inbound ? 'inbound' : 'outbound',
      reason: r.reason,
      hint: REJECT_HINTS[r.reason],
    };
    if (r.detail !== undefined) fields.detail = r.detail;
    if (this.suppressed > 0) fields.suppressedStreams = this.suppressed;
    this.suppressed = 0;
    const binding = r.reason === 'address' || r.reason === 'certificate';
    this.log.warn(fields, binding ? 'heartbeat stream refused' : 'beat refused');
  }
}

const REJECT_HINTS: Record<RejectReason, string> = {
  unsigned: 'no signature: a vipd from before signed beats, or not a member of the cluster',
  unknown_key: 'signed with a key this node does not have: a rotation not seen yet, or not a member',
  bad_mac: 'the signature does not match the beat: forged or altered',
  replay: 'not signed for this stream, or an old sequence number: a replay',
  nonce_changed: 'the sender changed its stream nonce mid-stream',
  address: 'a plaintext stream must come from the host the node is registered at',
  certificate: 'the client certificate must name the node (CN) or its registered host (SAN)',
};
