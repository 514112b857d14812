/**
 * `vipd status`: what the running daemon tells about itself on its status socket (one JSON
 * document per connection), how that document is checked when read back, and how it is printed.
 * Pure: the socket is status-socket.ts, the command status-command.ts. Never a secret in here:
 * no etcd credentials, no beat key, no TLS material.
 */

export const STATUS_VERSION = 1;

/** A VIP whose address this node has up. */
export interface HeldVipStatus {
  name: string;
  /** ADDRESS/PREFIX */
  address: string;
  interface: string;
  /** Wall-clock time the address went up here (ISO 8601). */
  since: string;
  /** The fencing revision: create revision of the VIP's leader key. */
  revision: string;
}

export interface PeerStatus {
  name: string;
  /** The peer's node.advertise. */
  address: string;
  connected: boolean;
  suspect: boolean;
  /** ms since its last beat; null: never heard. */
  lastBeatMsAgo: number | null;
  /** What its latest beat says; null: never heard. */
  health: string | null;
  etcdOk: boolean | null;
  /** What its latest beat says it holds; null: its held set is not known now. */
  held: { name: string; revision: string }[] | null;
}

/** Time left before each deadline, ms (negative: passed); null when it does not apply now. */
export interface DeadlineStatus {
  /** The etcd lease (hex); null: no session. */
  leaseId: string | null;
  /** The latest lease renewal succeeded. */
  etcdOk: boolean;
  /** Lease deadline: the local fence point before the lease can expire in etcd. */
  leaseLeftMs: number | null;
  /**
   * Contact deadline of the fast fence (no etcd nor peer contact for takeover.holderFenceMs);
   * null while that rule is not in force (takeover off, or no peers).
   */
  contactLeftMs: number | null;
  /** The earlier of the two: until when this node may hold VIPs. */
  holdLeftMs: number | null;
}

export interface AgentStatus {
  /** child: vipd started the agent; service: vipd-agent.service, at `socket`. */
  mode: 'child' | 'service';
  socket: string | null;
  /** Times the agent was found gone and started again. */
  restarts: number;
  /** Fences that took (or may have taken) VIPs down since vipd started. */
  fences: number;
  lastFence: {
    /** Wall-clock time vipd learnt of it (ISO 8601). */
    at: string;
    reason: string;
    removed: number;
    failed: number;
  } | null;
}

export interface NodeStatus {
  version: typeof STATUS_VERSION;
  /** Wall-clock time the report was made (ISO 8601). */
  now: string;
  node: {
    name: string;
    cluster: string;
    pid: number;
    vipdVersion: string;
    startedAt: string;
    ready: boolean;
    drained: boolean;
    /** VIPs this node cannot serve now, with why. */
    unready: string[];
  };
  /** VIPs in etcd that this node knows about (held or not). */
  vipsKnown: number;
  held: HeldVipStatus[];
  peers: PeerStatus[];
  deadlines: DeadlineStatus;
  agent: AgentStatus;
  /** BGP mode (docs/bgp.md): absent or null when the node has no `bgp:` section. */
  bgp?: {
    running: boolean;
    peers: { address: string; asn: number; state: string }[];
    announced: string[];
  } | null;
}

export class StatusFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusFormatError';
  }
}

type Shape = 'string' | 'number' | 'boolean' | 'object' | 'array' | '?number' | '?string' | '?boolean';

function check(value: unknown, shape: Shape, where: string): void {
  const nullable = shape.startsWith('?');
  const want = nullable ? shape.slice(1) : shape;
  if (nullable && value === null) return;
  const ok = want === 'array' ? Array.isArray(value) : typeof value === want && value !== null;
  if (!ok) throw new StatusFormatError(`status: ${where} is not ${nullable ? `${want} or null` : want}`);
}

function fields(obj: unknown, where: string, shapes: Record<string, Shape>): Record<string, unknown> {
  check(obj, 'object', where);
  const rec = obj as Record<string, unknown>;
  for (const [k, s] of Object.entries(shapes)) check(rec[k], s, `${where}.${k}`);
  return rec;
}

/** Reads the daemon's document; throws StatusFormatError with one line on anything unexpected. */
export function parseStatus(text: string): NodeStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StatusFormatError('status: the daemon sent something that is not JSON');
  }
  if (typeof doc === 'object' && doc !== null && typeof (doc as { error?: unknown }).error === 'string') {
    throw new StatusFormatError(`status: the daemon could not report: ${(doc as { error: string }).error}`);
  }
  const top = fields(doc, 'document', {
    version: 'number',
    now: 'string',
    node: 'object',
    vipsKnown: 'number',
    held: 'array',
    peers: 'array',
    deadlines: 'object',
    agent: 'object',
  });
  if (top.version !== STATUS_VERSION) {
    throw new StatusFormatError(
      `status: version ${String(top.version)} from the daemon, this vipd reads ${STATUS_VERSION}`,
    );
  }
  fields(top.node, 'node', {
    name: 'string',
    cluster: 'string',
    pid: 'number',
    vipdVersion: 'string',
    startedAt: 'string',
    ready: 'boolean',
    drained: 'boolean',
    unready: 'array',
  });
  (top.held as unknown[]).forEach((h, i) =>
    fields(h, `held[${i}]`, {
      name: 'string',
      address: 'string',
      interface: 'string',
      since: 'string',
      revision: 'string',
    }),
  );
  (top.peers as unknown[]).forEach((p, i) => {
    const peer = fields(p, `peers[${i}]`, {
      name: 'string',
      address: 'string',
      connected: 'boolean',
      suspect: 'boolean',
      lastBeatMsAgo: '?number',
      health: '?string',
      etcdOk: '?boolean',
    });
    if (peer.held !== null) check(peer.held, 'array', `peers[${i}].held`);
  });
  fields(top.deadlines, 'deadlines', {
    leaseId: '?string',
    etcdOk: 'boolean',
    leaseLeftMs: '?number',
    contactLeftMs: '?number',
    holdLeftMs: '?number',
  });
  fields(top.agent, 'agent', { mode: 'string', socket: '?string', restarts: 'number', fences: 'number' });
  return doc as NodeStatus;
}

/** A duration in ms as people read it: 850ms, 2.4s, 3m12s, 5h02m, 3d4h. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(1)}s`;
  const s = Math.floor(a / 1000);
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400)
    return `${sign}${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(s / 86_400)}d${Math.floor(s / 3600) % 24}h`;
}

/** Columns padded to their widest cell, two spaces apart, no trailing blanks. */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function left(ms: number | null): string {
  if (ms === null) return '-';
  return ms < 0 ? `passed ${formatDuration(-ms)} ago` : `${formatDuration(ms)} left`;
}

/** The report as text: a header, then held VIPs, peers, deadlines and the kernel agent. */
export function formatStatus(s: NodeStatus): string {
  const now = Date.parse(s.now);
  const age = (iso: string): string => {
    const t = Date.parse(iso);
    return Number.isNaN(t) || Number.isNaN(now) ? iso : `${iso} (${formatDuration(now - t)} ago)`;
  };
  const n = s.node;
  const state = [n.ready ? 'ready' : 'not ready', ...(n.drained ? ['drained'] : [])].join(', ');
  const out: string[] = [
    `node ${n.name} (cluster ${n.cluster}): ${state}; vipd ${n.vipdVersion}, pid ${n.pid}, up since ${age(n.startedAt)}`,
  ];
  if (n.unready.length > 0) out.push(`unready: ${n.unready.join('; ')}`);
  out.push('', `held VIPs: ${s.held.length} of ${s.vipsKnown} known`);
  if (s.held.length > 0) {
    const rows = [['NAME', 'ADDRESS', 'INTERFACE', 'SINCE', 'REVISION']];
    for (const h of s.held) rows.push([h.name, h.address, h.interface, age(h.since), h.revision]);
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  out.push('', `peers: ${s.peers.length}`);
  if (s.peers.length > 0) {
    const rows = [['NAME', 'ADDRESS', 'STATE', 'LAST BEAT', 'ETCD', 'HOLDS']];
    for (const p of s.peers) {
      const state = p.lastBeatMsAgo === null ? 'never heard' : p.suspect ? 'suspect' : 'alive';
      const beat = p.lastBeatMsAgo === null ? '-' : `${formatDuration(p.lastBeatMsAgo)} ago`;
      const etcd = p.etcdOk === null ? '-' : p.etcdOk ? 'ok' : 'lost';
      const holds =
        p.held === null
          ? 'unknown'
          : p.held.length === 0
            ? '-'
            : p.held.map((h) => `${h.name}@${h.revision}`).join(',');
      rows.push([p.name, p.address, state, beat, etcd, holds]);
    }
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  const d = s.deadlines;
  out.push(
    '',
    'deadlines:',
    ...table([
      ['lease', d.leaseId === null ? 'no session' : `${d.leaseId}, etcd ${d.etcdOk ? 'ok' : 'failing'}`],
      ['lease deadline', left(d.leaseLeftMs)],
      [
        'contact deadline',
        d.contactLeftMs === null ? '- (not in force: takeover off, or no peers)' : left(d.contactLeftMs),
      ],
      ['may hold VIPs', left(d.holdLeftMs)],
    ]).map((l) => `  ${l}`),
  );
  if (s.bgp) {
    const b = s.bgp;
    out.push(
      '',
      `bgp: gobgpd ${b.running ? 'running' : 'not running'}; announced: ${b.announced.join(', ') || 'none'}`,
      ...table([['PEER', 'AS', 'SESSION'], ...b.peers.map((p) => [p.address, String(p.asn), p.state])]).map(
        (l) => `  ${l}`,
      ),
    );
  }
  const a = s.agent;
  const fence = a.lastFence
    ? `last ${age(a.lastFence.at)}, ${a.lastFence.reason}, ${a.lastFence.removed} removed` +
      (a.lastFence.failed > 0 ? `, ${a.lastFence.failed} failed` : '')
    : 'none';
  out.push(
    '',
    'kernel agent:',
    ...table([
      ['mode', a.mode === 'service' ? `service at ${a.socket ?? '?'}` : 'child of vipd'],
      ['restarts', String(a.restarts)],
      ['fences', a.fences === 0 ? 'none' : `${a.fences}; ${fence}`],
    ]).map((l) => `  ${l}`),
  );
  return `${out.join('\n')}\n`;
}

/** A failed connect or read of the status socket as one line that says what to do. */
export function socketErrorLine(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `no status socket at ${path}: is vipd running? (node.statusSocket, or --socket PATH)`;
    case 'ECONNREFUSED':
      return `vipd is not running (nothing listens on ${path})`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${path}: run as root (the socket is mode 0600)`;
    case 'ENOTSOCK':
      return `${path} is not a socket`;
    default:
      return `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
