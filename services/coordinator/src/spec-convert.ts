/**
 * Pure conversions between admin.proto's VipSpec and the stored spec, and the checks that
 * need the rest of the cluster (other VIPs, registered nodes). Field validation itself is
 * @vipd/store's parseVipSpec, the same code the daemons run on read.
 */
import { status as Status } from '@grpc/grpc-js';
import ipaddr from 'ipaddr.js';
import { parseHostPort } from '@vipd/log';
import { parseVipSpec, storedSpecFields, type VipSpec } from '@vipd/store';
import type * as api from '@vipd/proto';
import { ApiError, invalid, precondition } from './errors';
import type { Snapshot } from './state';

/**
 * proto → stored spec. proto3 cannot tell 0 from unset, so 0 means "the default" for
 * priority, preempt_delay_ms and every announce field; an unset `preempt` means true.
 */
export function specFromMsg(
  msg: api.VipSpec | null | undefined,
  carried: Record<string, unknown> = {},
): VipSpec {
  if (!msg) throw invalid('spec: required');
  const raw: Record<string, unknown> = {
    ...carried,
    name: msg.name ?? '',
    address: msg.address ?? '',
    interface: msg.interface ?? '',
  };
  const nodes = Object.entries(msg.nodes ?? {});
  if (nodes.length > 0) {
    raw.nodes = Object.fromEntries(
      nodes.map(([node, e]) => [
        node,
        {
          ...(e?.priority ? { priority: e.priority } : {}),
          ...(e?.interface ? { interface: e.interface } : {}),
        },
      ]),
    );
  }
  if (typeof msg.preempt === 'boolean') raw.preempt = msg.preempt;
  if (msg.preempt_delay_ms) raw.preemptDelayMs = msg.preempt_delay_ms;
  if (msg.announce) raw.announce = announceFromMsg(msg.announce);
  if (msg.track && msg.track.length > 0) raw.track = msg.track;
  if (msg.track_weighted && msg.track_weighted.length > 0) {
    raw.trackWeighted = msg.track_weighted.map((t) => ({ check: t.check ?? '', weight: t.weight ?? 0 }));
  }
  if (msg.on_etcd_loss) raw.onEtcdLoss = msg.on_etcd_loss;
  if (msg.label) raw.label = msg.label;
  if (msg.no_prefix_route) raw.noPrefixRoute = true;
  if (msg.scope) raw.scope = msg.scope;
  if (msg.broadcast) raw.broadcast = msg.broadcast;
  if (msg.routes && msg.routes.length > 0) {
    raw.routes = msg.routes.map((r) => ({
      to: r.to ?? '',
      ...(r.via ? { via: r.via } : {}),
      ...(r.dev ? { dev: r.dev } : {}),
      ...(r.table ? { table: r.table } : {}),
      ...(r.metric ? { metric: r.metric } : {}),
    }));
  }
  if (msg.rules && msg.rules.length > 0) {
    raw.rules = msg.rules.map((r) => ({
      ...(r.from ? { from: r.from } : {}),
      ...(r.to ? { to: r.to } : {}),
      table: r.table ?? 0,
      ...(r.priority ? { priority: r.priority } : {}),
    }));
  }
  if (msg.vmac) raw.vmac = msg.vmac;
  if (msg.group) raw.group = msg.group;
  return parseVipSpec(raw);
}

function announceFromMsg(a: api.AnnounceSettings): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  if (a.count) out.count = a.count;
  if (a.interval_ms) out.intervalMs = a.interval_ms;
  if (a.refresh_ms) out.refreshMs = a.refresh_ms;
  if (a.probe_ms) out.probeMs = a.probe_ms;
  if (a.second_burst_delay_ms) out.secondBurstDelayMs = a.second_burst_delay_ms;
  if (a.mode) out.mode = a.mode;
  return out;
}

/** The stored spec fields admin.proto can express; UpdateVip replaces exactly these. */
const API_FIELDS = new Set([
  'name',
  'address',
  'interface',
  'nodes',
  'preempt',
  'preemptDelayMs',
  'announce',
  'track',
  'trackWeighted',
  'onEtcdLoss',
  'label',
  'noPrefixRoute',
  'scope',
  'broadcast',
  'routes',
  'rules',
  'vmac',
  'group',
]);

/**
 * The fields of a stored spec value that admin.proto cannot express (e.g. fields newer
 * than the API), kept by UpdateVip so that an update through the API does not reset them.
 */
export function fieldsBeyondApi(storedJson: string | undefined): Record<string, unknown> {
  if (storedJson === undefined) return {};
  return Object.fromEntries(Object.entries(storedSpecFields(storedJson)).filter(([k]) => !API_FIELDS.has(k)));
}

/** Stored spec → proto, with every default spelled out. */
export function specToMsg(spec: VipSpec): api.VipSpec__Output {
  return {
    name: spec.name,
    address: `${spec.address}/${spec.prefixLen}`,
    interface: spec.interface,
    nodes: Object.fromEntries(
      Object.entries(spec.nodes ?? {}).map(([n, e]) => [
        n,
        { priority: e.priority, interface: e.interface ?? '' },
      ]),
    ),
    preempt: spec.preempt,
    preempt_delay_ms: spec.preemptDelayMs,
    announce: {
      count: spec.announce.count,
      interval_ms: spec.announce.intervalMs,
      refresh_ms: spec.announce.refreshMs,
      probe_ms: spec.announce.probeMs,
      second_burst_delay_ms: spec.announce.secondBurstDelayMs,
      mode: spec.announce.mode,
    },
    track: [...spec.track],
    track_weighted: spec.trackWeighted.map((t) => ({ check: t.check, weight: t.weight })),
    on_etcd_loss: spec.onEtcdLoss,
    label: spec.label ?? '',
    no_prefix_route: spec.noPrefixRoute,
    scope: spec.scope,
    broadcast: spec.broadcast ?? '',
    routes: spec.routes.map((r) => ({
      to: r.to,
      via: r.via ?? '',
      dev: r.dev ?? '',
      table: r.table,
      metric: r.metric,
    })),
    rules: spec.rules.map((r) => ({
      from: r.from ?? '',
      to: r.to ?? '',
      table: r.table,
      priority: r.priority ?? 0,
    })),
    vmac: spec.vmac ?? 0,
    group: spec.group ?? '',
  };
}

/**
 * The host part of HOST:PORT / [V6]:PORT (@vipd/log's parseHostPort), canonical when it is an
 * IP address; undefined when `advertise` is not HOST:PORT.
 */
export function advertiseHost(advertise: string): string | undefined {
  const parsed = parseHostPort(advertise);
  if ('problem' in parsed) return undefined;
  return ipaddr.isValid(parsed.host) ? ipaddr.parse(parsed.host).toString() : parsed.host;
}

/**
 * Checks that depend on the cluster, all FAILED_PRECONDITION (the spec itself is valid):
 * - the address is not another VIP's (same address, whatever the prefix length);
 * - the address is not a registered node's own (its advertise host);
 * - its virtual MAC id (vmac) is not another VIP's of the same family;
 * - every node the spec names newly is registered, unless no node is registered at all
 *   (a fresh cluster may get its VIPs before its daemons). Names already in the stored
 *   spec may stay while their node is down.
 */
export function checkAgainstCluster(spec: VipSpec, snap: Snapshot, previous?: VipSpec): void {
  for (const other of snap.vips.values()) {
    if (other.name !== spec.name && other.spec?.address === spec.address) {
      throw precondition(
        `address ${spec.address} is already used by vip ${other.name} (${other.spec.address}/${other.spec.prefixLen})`,
      );
    }
  }
  for (const other of snap.vips.values()) {
    // One macvlan per id and family on a node: a second VIP on it would lose it when the first
    // lets go.
    const o = other.spec;
    if (
      spec.vmac !== undefined &&
      other.name !== spec.name &&
      o?.vmac === spec.vmac &&
      o.family === spec.family
    ) {
      throw precondition(
        `vmac ${spec.vmac} is already used by vip ${other.name} (IPv${spec.family}); give each VIP its own`,
      );
    }
  }
  for (const { info } of snap.nodes.values()) {
    if (advertiseHost(info.advertise) === spec.address) {
      throw precondition(
        `address ${spec.address} is node ${info.name}'s own address (advertise ${info.advertise})`,
      );
    }
  }
  if (spec.nodes === undefined || snap.nodes.size === 0) return;
  const unknown = Object.keys(spec.nodes).filter(
    (n) => !snap.nodes.has(n) && previous?.nodes?.[n] === undefined,
  );
  if (unknown.length > 0) {
    const registered = [...snap.nodes.keys()].sort().join(', ');
    throw precondition(
      `nodes: ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not registered (registered: ${registered}); start its vipd first`,
    );
  }
}

export function checkName(what: string, value: string | undefined, re: RegExp, rule: string): string {
  if (value === undefined || value === '') throw invalid(`${what}: required`);
  if (!re.test(value)) throw invalid(`${what}: ${JSON.stringify(value)} ${rule}`);
  return value;
}

export function checkRevision(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,18}$/.test(value)) {
    throw new ApiError(
      Status.INVALID_ARGUMENT,
      `expected_revision: ${JSON.stringify(value)} is not a revision`,
    );
  }
  return value;
}
