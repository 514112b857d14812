/**
 * The -o json shapes: field names as in admin.proto (snake_case), every field always
 * present, maps and lists sorted by name, defaults made explicit (priority 0 → 100,
 * unset preempt → true, announce.probe_ms 0 → 10000, on_etcd_loss '' → "failsafe"; unset
 * announce stays null = the coordinator's defaults).
 * Pure; these shapes are what scripts rely on, so they only grow.
 */
import type {
  ClusterStatus__Output,
  EffectivePriority__Output,
  Event__Output,
  MoveVipResponse__Output,
  UnpinVipResponse__Output,
  Node__Output,
  VipSpec__Output,
  Vip__Output,
} from '@vipd/proto';
import { type GlobalOptions, tokenLabel } from './args';
import { DEFAULT_ANNOUNCE, DEFAULT_ANNOUNCE_MODE, DEFAULT_ON_ETCD_LOSS, DEFAULT_PRIORITY } from './values';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function sortedEntries<T>(record: Record<string, T> | null | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function specJson(spec: VipSpec__Output | null) {
  if (!spec) return null;
  return {
    name: spec.name,
    address: spec.address,
    interface: spec.interface,
    nodes: Object.fromEntries(
      sortedEntries(spec.nodes).map(([node, e]) => [
        node,
        { priority: e.priority || DEFAULT_PRIORITY, interface: e.interface ?? '' },
      ]),
    ),
    preempt: spec.preempt ?? true,
    preempt_delay_ms: spec.preempt_delay_ms ?? 0,
    announce: spec.announce
      ? {
          count: spec.announce.count,
          interval_ms: spec.announce.interval_ms,
          refresh_ms: spec.announce.refresh_ms,
          // admin.proto: 0 is the default (and what a coordinator older than the field sends).
          probe_ms: spec.announce.probe_ms || DEFAULT_ANNOUNCE.probe_ms,
          second_burst_delay_ms: spec.announce.second_burst_delay_ms ?? 0,
          mode: spec.announce.mode || DEFAULT_ANNOUNCE_MODE,
        }
      : null,
    track: [...(spec.track ?? [])].sort(),
    track_weighted: [...(spec.track_weighted ?? [])]
      .map((t) => ({ check: t.check, weight: t.weight }))
      .sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0)),
    on_etcd_loss: spec.on_etcd_loss || DEFAULT_ON_ETCD_LOSS,
    label: spec.label ?? '',
    no_prefix_route: spec.no_prefix_route ?? false,
    scope: spec.scope || 'global',
    broadcast: spec.broadcast ?? '',
    routes: (spec.routes ?? []).map((r) => ({ ...r })),
    rules: (spec.rules ?? []).map((r) => ({ ...r })),
    vmac: spec.vmac ?? 0,
    group: spec.group ?? '',
  };
}

export function vipJson(vip: Vip__Output) {
  return {
    spec: specJson(vip.spec),
    revision: vip.revision ?? '',
    holder: vip.holder ?? '',
    fencing_revision: vip.fencing_revision ?? '',
    pinned_to: vip.pinned_to ?? '',
    // In the coordinator's order: eligible first, then by effective priority (the daemons' ranking).
    priorities: (vip.priorities ?? []).map(priorityJson),
  };
}

/** A node's effective priority for a VIP (weighted tracking). */
export function priorityJson(p: EffectivePriority__Output) {
  return {
    node: p.node,
    vip: p.vip,
    priority: p.priority,
    base_priority: p.base_priority,
    reasons: [...(p.reasons ?? [])],
    eligible: p.eligible ?? false,
  };
}

export function vipsJson(vips: Vip__Output[]) {
  return { vips: sortVips(vips).map(vipJson) };
}

export function nodeJson(node: Node__Output) {
  return {
    name: node.name,
    advertise: node.advertise ?? '',
    labels: Object.fromEntries(sortedEntries(node.labels)),
    alive: node.alive ?? false,
    drained: node.drained ?? false,
    health: node.health ?? '',
    unready: [...(node.unready ?? [])].sort(),
    // Why each unready VIP is unready, as the node published it (empty from an older vipd).
    unready_why: Object.fromEntries(sortedEntries(node.unready_why)),
    held: [...(node.held ?? [])].sort(byName).map((h) => ({ name: h.name, revision: h.revision })),
    checks: Object.fromEntries(sortedEntries(node.checks)),
    bgp: Object.fromEntries(sortedEntries(node.bgp)),
    priorities: [...(node.priorities ?? [])]
      .sort((a, b) => (a.vip < b.vip ? -1 : a.vip > b.vip ? 1 : 0))
      .map(priorityJson),
  };
}

export function nodesJson(nodes: Node__Output[]) {
  return { nodes: [...nodes].sort(byName).map(nodeJson) };
}

export function moveJson(move: MoveVipResponse__Output) {
  return {
    vip: move.vip ? vipJson(move.vip) : null,
    from: move.from ?? '',
    elapsed_ms: move.elapsed_ms ?? 0,
  };
}

export function unpinJson(name: string, res: UnpinVipResponse__Output) {
  return {
    name,
    unpinned_from: res.unpinned_from ?? '',
    vip: res.vip ? vipJson(res.vip) : null,
  };
}

/**
 * What the status could not tell: the coordinator answers with no VIPs and no nodes when it
 * cannot read etcd, which is "unknown", not "none".
 */
export function statusUnknown(status: ClusterStatus__Output): string[] {
  return status.etcd_healthy ? [] : ['vips', 'nodes'];
}

export function statusJson(status: ClusterStatus__Output) {
  return {
    cluster: status.cluster,
    etcd_endpoints: [...(status.etcd_endpoints ?? [])],
    etcd_healthy: status.etcd_healthy ?? false,
    vips: vipsJson(status.vips ?? []).vips,
    nodes: nodesJson(status.nodes ?? []).nodes,
    /** Fields that could not be read (their lists are empty, not known to be empty). */
    unknown: statusUnknown(status),
  };
}

export function eventJson(event: Event__Output) {
  return {
    time: event.time,
    type: event.type,
    vip: event.vip ?? '',
    node: event.node ?? '',
    fencing_revision: event.fencing_revision ?? '',
    detail: event.detail ?? '',
    service: event.service ?? '',
    backend: event.backend ?? '',
    revision: event.revision ?? '',
  };
}

export function removedJson(name: string) {
  return { name, deleted: true };
}

export function sortVips(vips: Vip__Output[]): Vip__Output[] {
  const name = (v: Vip__Output) => v.spec?.name ?? '';
  return [...vips].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/** One document per command: indented, ending in a newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One line per watch event. */
export function renderJsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** `config view`: the settings a command would use, and where they came from; never a token. */
export function configJson(g: GlobalOptions) {
  return {
    config_file: g.configFile ?? '',
    context: g.context ?? '',
    server: g.server,
    token_from: g.token ? tokenLabel(g.token) : '',
    tls: g.tls ? { ca: g.tls.ca ?? '', cert: g.tls.cert ?? '', key: g.tls.key ?? '' } : null,
  };
}
