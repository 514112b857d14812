/**
 * WatchEvents: one etcd watch on the cluster prefix per stream, each change turned into
 * Event messages by the pure eventsFor() below.
 */
import {
  Keys,
  parseDrainRecord,
  parseLeaderValue,
  parseNodeInfo,
  parsePinRecord,
  parseServiceHealth,
  parseServiceSpecJson,
} from '@vipd/store';
import type * as api from '@vipd/proto';

/** One key change as the etcd watch reports it (with the previous value, when any). */
export interface KeyChange {
  kind: 'put' | 'delete';
  key: string;
  value: string;
  createRevision: string;
  modRevision: string;
  prev?: { value: string; createRevision: string };
}

/** Event.type in admin.proto. */
export type EventType =
  | 'acquired'
  | 'fenced'
  | 'released'
  | 'spec_created'
  | 'spec_updated'
  | 'spec_deleted'
  | 'node_joined'
  | 'node_left'
  | 'node_drained'
  | 'node_undrained'
  | 'health_changed'
  | 'pinned'
  | 'unpinned'
  | 'service_created'
  | 'service_updated'
  | 'service_deleted'
  | 'backend_up'
  | 'backend_down'
  | 'pool_created'
  | 'pool_deleted';

/** An event but its time; its type is one of EventType. */
export type EventBody = Omit<api.Event__Output, 'time' | 'type' | 'revision'> & { type: EventType };

const ev = (type: EventBody['type'], fields: Partial<Omit<EventBody, 'type'>>): EventBody => ({
  type,
  vip: '',
  node: '',
  fencing_revision: '',
  detail: '',
  service: '',
  backend: '',
  ...fields,
});

/** Pure: the events one change means. Keys outside the five watched prefixes mean none. */
export function eventsFor(keys: Keys, c: KeyChange): EventBody[] {
  const created = c.kind === 'put' && (c.prev === undefined || c.createRevision === c.modRevision);
  const under = (prefix: string): string | undefined => Keys.nameUnder(prefix, c.key);
  let name: string | undefined;
  if ((name = under(keys.vipsPrefix)) !== undefined) {
    if (c.kind === 'delete') return [ev('spec_deleted', { vip: name })];
    const detail = `revision ${c.modRevision}`;
    return [ev(created ? 'spec_created' : 'spec_updated', { vip: name, detail })];
  }
  if ((name = under(keys.leadersPrefix)) !== undefined) {
    if (c.kind === 'delete') {
      const node = c.prev ? (leaderNode(c.prev.value) ?? '') : '';
      return [ev('released', { vip: name, node, fencing_revision: c.prev?.createRevision ?? '' })];
    }
    if (!created) {
      // A peer marked the key before revoking a silent holder's lease: that holder was fenced.
      const by = takeoverBy(c.value);
      if (by === undefined || (c.prev && takeoverBy(c.prev.value) !== undefined)) return [];
      return [
        ev('fenced', {
          vip: name,
          node: leaderNode(c.value) ?? '',
          fencing_revision: c.createRevision,
          detail: `silent holder taken over by ${by}`,
        }),
      ];
    }
    return [
      ev('acquired', { vip: name, node: leaderNode(c.value) ?? '', fencing_revision: c.createRevision }),
    ];
  }
  if ((name = under(keys.nodesPrefix)) !== undefined) {
    if (c.kind === 'delete') return [ev('node_left', { node: name })];
    const info = parseNodeInfo(name, c.value);
    if (created) return [ev('node_joined', { node: name, detail: info?.advertise ?? '' })];
    const before = c.prev ? parseNodeInfo(name, c.prev.value) : undefined;
    if (!info || !before) return [];
    const was = new Set(before.unready);
    const now = new Set(info.unready);
    const changed = [...new Set([...was, ...now])].filter((v) => was.has(v) !== now.has(v)).sort();
    return changed.map((vip) =>
      ev('health_changed', { node: name, vip, detail: now.has(vip) ? 'unready' : 'ready' }),
    );
  }
  if ((name = under(keys.drainPrefix)) !== undefined) {
    if (c.kind === 'delete') return [ev('node_undrained', { node: name })];
    return created ? [ev('node_drained', { node: name, detail: byOf(c.value) })] : [];
  }
  if ((name = under(keys.pinsPrefix)) !== undefined) {
    if (c.kind === 'delete') {
      return [ev('unpinned', { vip: name, node: c.prev ? (parsePinRecord(c.prev.value)?.node ?? '') : '' })];
    }
    const pin = parsePinRecord(c.value);
    return [ev('pinned', { vip: name, node: pin?.node ?? '', detail: pin?.by ? `by ${pin.by}` : '' })];
  }
  if ((name = under(keys.servicesPrefix)) !== undefined) {
    if (c.kind === 'delete') return [ev('service_deleted', { service: name })];
    let vip = '';
    try {
      vip = parseServiceSpecJson(c.value, name).vip;
    } catch {
      // An invalid value still changed the key; the event names no VIP.
    }
    const detail = `revision ${c.modRevision}`;
    return [ev(created ? 'service_created' : 'service_updated', { service: name, vip, detail })];
  }
  if ((name = under(keys.poolsPrefix)) !== undefined) {
    // No Event field names a pool: the detail does ("pool public").
    if (c.kind === 'delete') return [ev('pool_deleted', { detail: `pool ${name}` })];
    return created ? [ev('pool_created', { detail: `pool ${name}` })] : [];
  }
  if ((name = under(keys.serviceHealthPrefix)) !== undefined && c.kind === 'put') {
    const now = parseServiceHealth(c.value);
    if (!now) return [];
    const before = c.prev ? parseServiceHealth(c.prev.value) : undefined;
    const out: EventBody[] = [];
    for (const [backend, b] of Object.entries(now.backends).sort(([a], [z]) => a.localeCompare(z))) {
      if (b.health === 'unknown' || before?.backends[backend]?.health === b.health) continue;
      // A new director's first report repeats what the old one said only when it differs.
      out.push(
        ev(b.health === 'up' ? 'backend_up' : 'backend_down', {
          service: name,
          backend,
          node: now.node,
          detail: b.detail,
        }),
      );
    }
    return out;
  }
  return [];
}

/** The holder a leader value names, if it is a leader value (parseLeaderValue). */
function leaderNode(value: string): string | undefined {
  const v = parseLeaderValue(value);
  return 'problem' in v ? undefined : v.node;
}

/** The node that took this leader key over (fast takeover marker), if any. */
function takeoverBy(value: string): string | undefined {
  const v = parseLeaderValue(value);
  return 'problem' in v ? undefined : v.takeover?.by;
}

/** "by <who>" of a drain/ value, or nothing when it names nobody. */
function byOf(value: string): string {
  const by = parseDrainRecord(value)?.by ?? '';
  return by === '' ? '' : `by ${by}`;
}
