/**
 * The -o table views: aligned columns for lists, `key  value` blocks for single objects,
 * one line per watch event. Pure; empty values show as "-". For people, not scripts:
 * scripts use -o json.
 */
import { oneLine } from '@vipd/log';
import { routeText, ruleText } from './route-flags';
import type {
  ClusterStatus__Output,
  Event__Output,
  MoveVipResponse__Output,
  UnpinVipResponse__Output,
  Node__Output,
  Vip__Output,
} from '@vipd/proto';
import type { GlobalOptions } from './args';
import { configJson, nodeJson, sortVips, specJson, statusUnknown, vipJson } from './json';

const dash = (text: string | undefined | null) => (text ? oneLine(text) : '-');

/** Left-aligned columns, two spaces apart, no trailing spaces. */
export function alignTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** `key:  value` lines with the values aligned. */
export function alignPairs(pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([key]) => key.length + 1));
  return pairs.map(([key, value]) => `${`${key}:`.padEnd(width)}  ${value}`.trimEnd()).join('\n') + '\n';
}

/** `n1=150,n2=100(bond0)`, or `all` when every node may hold it. */
export function nodesCell(vip: Vip__Output): string {
  const nodes = specJson(vip.spec)?.nodes ?? {};
  const parts = Object.entries(nodes).map(
    ([node, e]) => `${node}=${e.priority}${e.interface ? `(${e.interface})` : ''}`,
  );
  return parts.length === 0 ? 'all' : parts.join(',');
}

/** `svc,db:-20`: the checks a VIP needs up, then the weighted ones as CHECK:WEIGHT. */
function trackCell(vip: Vip__Output): string {
  const spec = specJson(vip.spec);
  if (!spec) return '-';
  const weighted = spec.track_weighted.map((t) => `${t.check}:${t.weight > 0 ? '+' : ''}${t.weight}`);
  return dash([...spec.track, ...weighted].join(','));
}

/** `130 (150; svc down: -20)`, or just `150` when no weight applies. */
function effectiveCell(p: { priority: number; base_priority: number; reasons: string[] }): string {
  return p.reasons.length === 0
    ? String(p.priority)
    : `${p.priority} (${p.base_priority}; ${p.reasons.join(', ')})`;
}

/** `n2 140, n1 130 (150; svc down: -20), n3 drained`: the ranking every node computes. */
function prioritiesCell(vip: Vip__Output): string {
  const parts = vipJson(vip).priorities.map(
    (p) => `${p.node} ${effectiveCell(p)}${p.eligible ? '' : ' [not eligible]'}`,
  );
  return dash(parts.join(', '));
}

function preemptCell(vip: Vip__Output): string {
  const spec = specJson(vip.spec);
  if (!spec) return '-';
  if (!spec.preempt) return 'no';
  return spec.preempt_delay_ms > 0 ? `after ${spec.preempt_delay_ms}ms` : 'yes';
}

/**
 * One row per VIP. Tracked checks and on-etcd-loss are left to `vip get` and -o json: up to
 * several 63-character check names would make every row wider for a rarely used setting, and
 * `node list` already shows, per node, the VIPs a failing check keeps it from serving (UNREADY).
 */
export function vipsTable(vips: Vip__Output[], wide = false): string {
  if (vips.length === 0) return 'no VIPs\n';
  // The GROUP column only where a VIP is in a group (keepalived's vrrp_sync_group).
  const grouped = vips.some((v) => Boolean(v.spec?.group));
  const rows = sortVips(vips).map((v) => {
    const row = [
      dash(v.spec?.name),
      ...(grouped ? [dash(v.spec?.group)] : []),
      dash(v.spec?.address),
      dash(v.spec?.interface),
      nodesCell(v),
      preemptCell(v),
      dash(v.holder),
      dash(v.pinned_to),
    ];
    if (!wide) return row;
    const spec = specJson(v.spec);
    return [...row, dash(v.fencing_revision), trackCell(v), dash(spec?.on_etcd_loss), dash(v.revision)];
  });
  const header = [
    'NAME',
    ...(grouped ? ['GROUP'] : []),
    'ADDRESS',
    'INTERFACE',
    'NODES',
    'PREEMPT',
    'HOLDER',
    'PINNED',
  ];
  return alignTable(wide ? [...header, 'FENCING', 'TRACK', 'ON-ETCD-LOSS', 'REVISION'] : header, rows);
}

/** The virtual MAC of a spec: 00:00:5e:00:01:ID (IPv6 00:00:5e:00:02:ID). */
function vmacMac(spec: { address: string; vmac: number }): string {
  return `00:00:5e:00:0${spec.address.includes(':') ? 2 : 1}:${spec.vmac.toString(16).padStart(2, '0')}`;
}

export function vipDetail(vip: Vip__Output): string {
  const spec = specJson(vip.spec);
  const announce = spec?.announce
    ? `count ${spec.announce.count}, interval ${spec.announce.interval_ms}ms, ` +
      `refresh ${spec.announce.refresh_ms}ms, probe ${spec.announce.probe_ms}ms` +
      (spec.announce.second_burst_delay_ms > 0
        ? `, second burst after ${spec.announce.second_burst_delay_ms}ms`
        : '') +
      (spec.announce.mode && spec.announce.mode !== 'arp' ? `, mode ${spec.announce.mode}` : '')
    : 'defaults';
  const options = spec
    ? [
        ...(spec.label ? [`label ${spec.label}`] : []),
        ...(spec.no_prefix_route ? ['noprefixroute'] : []),
        ...(spec.scope !== 'global' ? [`scope ${spec.scope}`] : []),
        ...(spec.broadcast ? [`broadcast ${spec.broadcast}`] : []),
      ]
    : [];
  const holder = vip.holder
    ? `${vip.holder}${vip.fencing_revision ? ` (fencing revision ${vip.fencing_revision})` : ''}`
    : '- (nobody holds it)';
  return alignPairs([
    ['name', dash(spec?.name)],
    // Shown only when set: its members live on one node and move together.
    ...(spec?.group ? [['group', spec.group] as [string, string]] : []),
    ['address', dash(spec?.address)],
    ['interface', dash(spec?.interface)],
    ['nodes', nodesCell(vip)],
    ['preempt', preemptCell(vip)],
    ['announce', announce],
    ['addr options', dash(options.join(', '))],
    // Shown only when set (keepalived's use_vmac, virtual_routes, virtual_rules).
    ...(spec?.vmac ? [['vmac', `${spec.vmac} (${vmacMac(spec)})`] as [string, string]] : []),
    ...(spec?.routes.length ? [['routes', spec.routes.map(routeText).join('; ')] as [string, string]] : []),
    ...(spec?.rules.length ? [['rules', spec.rules.map(ruleText).join('; ')] as [string, string]] : []),
    ['track', trackCell(vip)],
    ['on etcd loss', dash(spec?.on_etcd_loss)],
    ['holder', holder],
    ['pinned to', dash(vip.pinned_to)],
    ['priorities', prioritiesCell(vip)],
    ['revision', dash(vip.revision)],
  ]);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function nodesTable(nodes: Node__Output[], wide = false): string {
  if (nodes.length === 0) return 'no nodes registered\n';
  // BGP mode: a column only when some node speaks BGP (PEER=STATE of each session).
  const bgp = nodes.some((n) => Object.keys(n.bgp ?? {}).length > 0);
  const rows = [...nodes]
    .map(nodeJson)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((n) => [
      dash(n.name),
      dash(n.advertise),
      yesNo(n.alive),
      yesNo(n.drained),
      dash(n.health),
      n.held.length === 0
        ? '-'
        : n.held.map((h) => (h.revision ? `${h.name}@${h.revision}` : h.name)).join(','),
      n.unready.length === 0 ? '-' : n.unready.join(','),
      dash(n.priorities.map((p) => `${p.vip}=${effectiveCell(p)}`).join(', ')),
      ...(bgp
        ? [
            dash(
              Object.entries(n.bgp)
                .map(([peer, state]) => `${peer}=${state}`)
                .join(','),
            ),
          ]
        : []),
      ...(wide
        ? [
            dash(
              Object.entries(n.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(','),
            ),
          ]
        : []),
    ]);
  const header = [
    'NAME',
    'ADVERTISE',
    'ALIVE',
    'DRAINED',
    'HEALTH',
    'HOLDS',
    'UNREADY',
    'WEIGHTED',
    ...(bgp ? ['BGP'] : []),
  ];
  return alignTable(wide ? [...header, 'LABELS'] : header, rows);
}

/** The status at a glance; what the coordinator could not read says "unknown", never "none". */
export function statusText(status: ClusterStatus__Output, wide = false): string {
  const endpoints = (status.etcd_endpoints ?? []).join(', ') || '-';
  const unknown = statusUnknown(status);
  const known = (what: string, text: () => string) => (unknown.includes(what) ? 'unknown' : text());
  const head = alignPairs([
    ['cluster', dash(status.cluster)],
    [
      'etcd',
      `${status.etcd_healthy ? 'healthy' : 'UNHEALTHY: the coordinator cannot read it'} (${endpoints})`,
    ],
    [
      'vips',
      known('vips', () => `${status.vips.length} (${status.vips.filter((v) => !v.holder).length} not held)`),
    ],
    [
      'nodes',
      known('nodes', () => `${status.nodes.length} (${status.nodes.filter((n) => n.alive).length} alive)`),
    ],
  ]);
  const vips = known('vips', () => vipsTable(status.vips, wide));
  const nodes = known('nodes', () => nodesTable(status.nodes, wide));
  return `${head}\nVIPS\n${vips.endsWith('\n') ? vips : `${vips}\n`}\nNODES\n${nodes.endsWith('\n') ? nodes : `${nodes}\n`}`;
}

export function moveText(name: string, to: string, move: MoveVipResponse__Output): string {
  const from = move.from ? `from ${move.from} ` : '';
  return `moved ${name} ${from}to ${move.vip?.holder || to} in ${move.elapsed_ms} ms\n`;
}

/** One line: the pin removed and who holds the VIP now, or that there was none. */
export function unpinText(name: string, res: UnpinVipResponse__Output): string {
  if (!res.unpinned_from) return `${name} is not pinned; nothing changed\n`;
  const holder = res.vip?.holder ? `${res.vip.holder} holds it` : 'no node holds it';
  return `unpinned ${name} from ${res.unpinned_from}: ${holder}; normal ranking (preempt, priorities) applies\n`;
}

export function drainText(node: Node__Output, drained: boolean): string {
  const n = nodeJson(node);
  const holds = n.held.map((h) => h.name).join(', ');
  if (!drained) return `undrained ${n.name}: it may hold VIPs again\n`;
  return `drained ${n.name}: ${holds ? `it releases ${holds}` : 'it holds no VIP'}\n`;
}

/** `TIME  TYPE  vip=… node=… fencing=…  detail`, one line, empty fields left out; wide adds rev=. */
export function eventLine(event: Event__Output, wide = false): string {
  const fields = [
    event.service && `service=${event.service}`,
    event.backend && `backend=${event.backend}`,
    event.vip && `vip=${event.vip}`,
    event.node && `node=${event.node}`,
    event.fencing_revision && `fencing=${event.fencing_revision}`,
    wide && event.revision && `rev=${event.revision}`,
  ].filter(Boolean);
  const parts = [dash(event.time), dash(event.type).padEnd(14), fields.join(' '), event.detail ?? ''];
  return `${oneLine(parts.filter((p) => p.trim() !== '').join('  '))}\n`;
}

export function configText(g: GlobalOptions): string {
  const c = configJson(g);
  const tls = !c.tls
    ? 'off'
    : [
        c.tls.ca ? `ca ${c.tls.ca}` : "the system's CAs",
        c.tls.cert && `cert ${c.tls.cert}`,
        c.tls.key && `key ${c.tls.key}`,
      ]
        .filter(Boolean)
        .join(', ');
  return alignPairs([
    ['config file', c.config_file || 'none'],
    ['context', c.context || 'none'],
    ['server', c.server],
    ['token', c.token_from ? `from ${c.token_from}` : 'none'],
    ['tls', tls],
  ]);
}
