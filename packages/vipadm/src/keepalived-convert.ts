/**
 * `vipadm import-keepalived FILE`: one node's keepalived.conf as the YAML `vipadm apply -f`
 * reads (one VIP spec per virtual_ipaddress address of each vrrp_instance), followed by the node
 * config it implies (vrrp_script / vrrp_track_process / track_interface → checks[], notify_* → hooks) as YAML
 * comments, and one line for each option that cannot be carried, saying why
 * (docs/migrating-from-keepalived.md). Pure: parsed statements in, text out.
 */
import { stringify } from 'yaml';
import type { ConfStatement } from './keepalived-parse';
import { CHECK_NAME_RE, IFNAME_RE, LABEL_RE, NODE_NAME_RE, SCOPES, VIP_NAME_RE } from './values';

export interface ImportResult {
  /** The YAML for `vipadm apply -f`, with the node config hints as comments. */
  yaml: string;
  /** One line per option not carried: `FILE:LINE: what: why`. */
  dropped: string[];
}

type Obj = Record<string, unknown>;

/** Options with no counterpart, and why (the guide's rows in a few words). */
const NOT_NEEDED: Record<string, string> = {
  state: 'no initial state in vipd: priorities decide',
  virtual_router_id: 'not needed: clusters are separated by their etcd prefix (cluster)',
  advert_int: 'not needed: heartbeats follow takeover.profile in the node config',
  authentication: 'not needed: heartbeats are signed with the cluster key in etcd (docs/security.md)',
  unicast_peer: 'not needed: nodes find each other in etcd',
  unicast_src_ip: 'not needed: set node.advertise in the node config',
  mcast_src_ip: 'not needed: nothing is multicast',
  vrrp_version: 'not needed: vipd does not speak VRRP',
  dont_track_primary: 'not carried: vipd always tracks the VIP interface (down: the node cannot serve it)',
  smtp_alert: 'not carried: use vipadm -o json watch or hooks',
  vmac_xmit_base: 'not needed: vipd always sends from the virtual MAC',
  native_ipv6: 'not needed',
  notify: 'not carried: hooks get VIPD_STATE in their environment; use notify_master/backup/fault',
  notify_stop: 'not carried: no hook on stop',
};

const nameOf = (text: string, re: RegExp): string | undefined => {
  const n = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return re.test(n) ? n : undefined;
};
const seconds = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
};
const int = (text: string | undefined): number | undefined =>
  text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;

interface Check {
  name: string;
  line: number;
  config: Obj;
  weight?: number;
}

class Converter {
  readonly dropped: string[] = [];
  readonly checks = new Map<string, Check>();
  readonly hooks: Record<string, Obj> = {};
  readonly vips: Obj[] = [];
  /** The VIPs each vrrp_instance made, by instance name (for vrrp_sync_group). */
  private readonly byInstance = new Map<string, Obj[]>();
  /** Instances already in a vrrp_sync_group, and its name. */
  private readonly grouped = new Map<string, string>();
  node: string;

  constructor(
    private readonly file: string,
    node: string | undefined,
  ) {
    this.node = node ?? 'node1';
  }

  drop(s: ConfStatement, why: string, what = s.words.join(' ')): void {
    this.dropped.push(`${this.file}:${s.line}: ${what}: ${why}`);
  }

  run(tree: ConfStatement[], nodeGiven: boolean): void {
    for (const s of tree.filter((t) => t.words[0] === 'global_defs')) this.globalDefs(s, nodeGiven);
    for (const s of tree) {
      const [key, name] = s.words;
      if (key === 'global_defs') continue;
      if (key === 'vrrp_script' || key === 'vrrp_track_process') this.checkDef(s, key, name);
      else if (key !== 'vrrp_instance' && key !== 'vrrp_sync_group') this.topLevel(s);
    }
    for (const s of tree.filter((t) => t.words[0] === 'vrrp_instance')) this.instance(s);
    for (const s of tree.filter((t) => t.words[0] === 'vrrp_sync_group')) this.syncGroup(s);
  }

  private globalDefs(s: ConfStatement, nodeGiven: boolean): void {
    for (const d of s.block ?? []) {
      if (d.words[0] === 'router_id' && d.words[1] !== undefined) {
        if (nodeGiven) continue;
        const n = d.words[1];
        if (NODE_NAME_RE.test(n)) this.node = n;
        else this.drop(d, `not a vipd node name; using ${this.node} (give --node NAME)`);
      } else {
        this.drop(d, 'global_defs: not carried (vipd has no global settings of keepalived)');
      }
    }
  }

  private topLevel(s: ConfStatement): void {
    const key = s.words[0] ?? '';
    if (key === 'virtual_server' || key === 'virtual_server_group') {
      this.drop(s, 'not converted: make a virtual service with vipadm service add (docs/services.md)', key);
    } else if (key === 'include') {
      this.drop(s, 'not followed: import each included file by itself');
    } else {
      this.drop(s, 'unknown to vipadm import-keepalived; not carried', key);
    }
  }

  private checkDef(s: ConfStatement, key: string, raw: string | undefined): void {
    const name = raw !== undefined && CHECK_NAME_RE.test(raw) ? raw : undefined;
    if (!name) return this.drop(s, 'not a check name (letters, digits, "-", "_")', `${key} ${raw ?? ''}`);
    const config: Obj = { name };
    let weight: number | undefined;
    for (const d of s.block ?? []) {
      const [k, v] = d.words;
      const ms = seconds(v);
      if (key === 'vrrp_script' && k === 'script' && v !== undefined) {
        config.type = 'exec';
        config.argv = v.split(/\s+/).filter((w) => w !== '');
      } else if (key === 'vrrp_track_process' && k === 'process' && v !== undefined) {
        config.type = 'process';
        config.process = v;
      } else if (k === 'interval' && ms !== undefined) config.intervalMs = ms;
      else if (k === 'timeout' && ms !== undefined) config.timeoutMs = ms;
      else if ((k === 'rise' || k === 'fall') && int(v) !== undefined) config[k] = int(v);
      else if (k === 'weight' && int(v) !== undefined) weight = int(v);
      else
        this.drop(
          d,
          `${key} ${name}: not carried (checks[] has type, argv, intervalMs, timeoutMs, rise, fall)`,
        );
    }
    if (config.type === undefined)
      return this.drop(s, 'has no script (or process); no check made', `${key} ${name}`);
    this.checks.set(name, { name, line: s.line, config, weight });
  }

  private instance(s: ConfStatement): void {
    const instName = s.words[1] ?? '';
    const base = nameOf(instName, VIP_NAME_RE);
    if (!base) return this.drop(s, 'no VIP name can be made of it', `vrrp_instance ${instName}`);
    let iface = '';
    let priority = 100;
    let preempt = true;
    let delayMs = 0;
    const announce: Obj = {};
    const track: string[] = [];
    const weighted: Obj[] = [];
    const addresses: ConfStatement[] = [];
    const trackedLinks: ConfStatement[] = [];
    const routes: Obj[] = [];
    const rules: Obj[] = [];
    let routerId: { id: number; at: ConfStatement } | undefined;
    let useVmac = false;
    for (const d of s.block ?? []) {
      const [k, v] = d.words;
      const key = k ?? '';
      if (key === 'interface' && v !== undefined) iface = v;
      else if (key === 'priority' && int(v) !== undefined && int(v)! >= 1 && int(v)! <= 255)
        priority = int(v)!;
      else if (key === 'nopreempt') preempt = false;
      else if (key === 'preempt_delay' && seconds(v) !== undefined) delayMs = seconds(v)!;
      else if (key === 'garp_master_repeat' && int(v)! >= 1) announce.count = int(v);
      else if (key === 'garp_master_refresh' && seconds(v)! >= 1) announce.refresh_ms = seconds(v);
      else if (key === 'garp_master_delay' && seconds(v) !== undefined)
        announce.second_burst_delay_ms = seconds(v);
      else if (key === 'garp_interval' && seconds(v)! >= 1) announce.interval_ms = seconds(v);
      else if (key === 'virtual_ipaddress' || key === 'virtual_ipaddress_excluded')
        addresses.push(...(d.block ?? []));
      else if (key === 'track_script' || key === 'track_process') this.tracks(d, instName, track, weighted);
      else if (key === 'track_interface') trackedLinks.push(...(d.block ?? []));
      else if (key === 'virtual_routes')
        routes.push(...(d.block ?? []).flatMap((r) => this.route(r, instName)));
      else if (key === 'virtual_rules') rules.push(...(d.block ?? []).flatMap((r) => this.rule(r, instName)));
      else if (key === 'virtual_router_id' && int(v) !== undefined && int(v)! >= 1 && int(v)! <= 255)
        routerId = { id: int(v)!, at: d };
      else if (key === 'use_vmac') {
        useVmac = true;
        if (v !== undefined)
          this.drop(
            d,
            `not carried: vipd names the macvlan itself (vmac4.ID / vmac6.ID)`,
            `${instName}: use_vmac ${v}`,
          );
      } else if (
        key.startsWith('notify_') &&
        ['notify_master', 'notify_backup', 'notify_fault'].includes(key) &&
        v
      ) {
        const hook = { notify_master: 'onMaster', notify_backup: 'onBackup', notify_fault: 'onFault' }[key]!;
        (this.hooks[base] ??= {})[hook] = v.split(/\s+/).filter((w) => w !== '');
      } else if (NOT_NEEDED[key] !== undefined)
        this.drop(d, NOT_NEEDED[key], `vrrp_instance ${instName}: ${key}`);
      else this.drop(d, 'not carried', `vrrp_instance ${instName}: ${d.words.join(' ')}`);
    }
    if (!IFNAME_RE.test(iface))
      return this.drop(s, 'has no interface; no VIP made', `vrrp_instance ${instName}`);
    for (const t of trackedLinks) this.trackInterface(t, instName, iface, track, weighted);
    const specs = addresses.flatMap((a) => this.address(a, instName, iface));
    if (specs.length === 0)
      this.drop(s, 'has no virtual_ipaddress; no VIP made', `vrrp_instance ${instName}`);
    if (routerId && !useVmac)
      this.drop(routerId.at, NOT_NEEDED.virtual_router_id!, `vrrp_instance ${instName}: virtual_router_id`);
    if (useVmac && !routerId)
      this.drop(
        s,
        'use_vmac without a virtual_router_id 1-255: no virtual MAC',
        `vrrp_instance ${instName}: use_vmac`,
      );
    // Routes and rules go with the instance's first address of their family (the kernel refuses
    // a route of the other family, and one VIP per route is enough: the group moves as one).
    const firstOfFamily = (family: 4 | 6): Obj | undefined =>
      specs.find((f) => String(f.address).includes(':') === (family === 6));
    for (const [list, key] of [
      [routes, 'routes'],
      [rules, 'rules'],
    ] as const) {
      for (const r of list) {
        const family = r.family as 4 | 6;
        delete r.family;
        const on = firstOfFamily(family);
        if (!on) {
          this.drop(
            s,
            `a ${key.slice(0, -1)} of IPv${family} with no IPv${family} address: not carried`,
            `vrrp_instance ${instName}: ${key}`,
          );
          continue;
        }
        ((on[key] as Obj[] | undefined) ?? (on[key] = [])).push(r);
      }
    }
    // One virtual MAC per VIP and family (the coordinator refuses a second): the first address of
    // each family gets the instance's id, the others are reported.
    const vmacFor = (fields: Obj): number | undefined => {
      if (!useVmac || !routerId) return undefined;
      const v6 = String(fields.address).includes(':');
      if (firstOfFamily(v6 ? 6 : 4) === fields) return routerId.id;
      this.drop(
        s,
        'use_vmac: one virtual MAC per VIP and family; give this VIP a vmac id of its own',
        `vrrp_instance ${instName}: ${String(fields.address)}`,
      );
      return undefined;
    };
    const made: Obj[] = [];
    for (const [i, fields] of specs.entries()) {
      const vmac = vmacFor(fields);
      const name = specs.length === 1 ? base : `${base.slice(0, 60)}-${i + 1}`;
      made.push({
        name,
        ...fields,
        nodes: { [this.node]: { priority } },
        preempt,
        preempt_delay_ms: delayMs,
        ...(Object.keys(announce).length > 0 && { announce }),
        // Each VIP its own lists (shared ones would come out as YAML anchors).
        track: [...track],
        track_weighted: weighted.map((w) => ({ ...w })),
        ...(vmac !== undefined && { vmac }),
        // The addresses of one instance move as one in keepalived: one VIP group (a sync group
        // the instance is in names it instead).
        ...(specs.length > 1 && { group: base }),
      });
    }
    this.vips.push(...made);
    this.byInstance.set(instName, made);
  }

  /**
   * One `virtual_routes` line in `ip route` words (`[to] PREFIX [via|gw ADDR] [dev IF] [table N]
   * [metric N]`) as a spec route, or reported and dropped (src, blackhole, other words).
   */
  private route(r: ConfStatement, inst: string): Obj[] {
    const words = r.words[0] === 'to' ? r.words.slice(1) : [...r.words];
    const what = `${inst}: virtual_routes ${r.words.join(' ')}`;
    const no = (why: string): Obj[] => {
      this.drop(r, why, what);
      return [];
    };
    const [to, ...rest] = words;
    if (to === undefined || !/^[0-9a-fA-F:.]+(\/\d{1,3})?$|^default$/.test(to))
      return no('not carried (only "PREFIX [via ADDR] [dev IF] [table N] [metric N]")');
    const out: Obj = {
      to: to === 'default' || to.includes('/') ? to : `${to}/${to.includes(':') ? 128 : 32}`,
    };
    for (let i = 0; i < rest.length; i += 2) {
      const [k, v] = [rest[i]!, rest[i + 1]];
      const n = int(v);
      if ((k === 'via' || k === 'gw') && v !== undefined) out.via = v;
      else if (k === 'dev' && v !== undefined && IFNAME_RE.test(v)) out.dev = v;
      else if (k === 'table' && n !== undefined && n >= 1) out.table = n;
      else if (k === 'metric' && n !== undefined && n >= 0) out.metric = n;
      else return no(`not carried: "${k}" (only via, dev, table, metric)`);
    }
    const v6 = to === 'default' ? String(out.via ?? '').includes(':') : to.includes(':');
    return [{ ...out, family: v6 ? 6 : 4 }];
  }

  /** One `virtual_rules` line (`from PREFIX | to PREFIX ... table N [priority|pref N]`). */
  private rule(r: ConfStatement, inst: string): Obj[] {
    const what = `${inst}: virtual_rules ${r.words.join(' ')}`;
    const no = (why: string): Obj[] => {
      this.drop(r, why, what);
      return [];
    };
    const out: Obj = {};
    for (let i = 0; i < r.words.length; i += 2) {
      const [k, v] = [r.words[i]!, r.words[i + 1]];
      const n = int(v);
      if ((k === 'from' || k === 'to') && v !== undefined && v !== 'all')
        out[k] = v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`;
      else if ((k === 'table' || k === 'lookup') && n !== undefined && n >= 1) out.table = n;
      else if ((k === 'priority' || k === 'pref' || k === 'preference') && n !== undefined && n >= 1)
        out.priority = n;
      else return no(`not carried: "${k}" (only from, to, table, priority)`);
    }
    if (out.table === undefined || (out.from === undefined && out.to === undefined))
      return no('not carried: a rule needs from or to, and a table');
    return [{ ...out, family: String(out.from ?? out.to).includes(':') ? 6 : 4 }];
  }

  private tracks(d: ConfStatement, inst: string, track: string[], weighted: Obj[]): void {
    for (const t of d.block ?? []) {
      const [check, w, n] = t.words;
      const def = check === undefined ? undefined : this.checks.get(check);
      if (!def) {
        this.drop(
          t,
          'no vrrp_script or vrrp_track_process of that name here; not tracked',
          `${inst}: ${d.words[0]} ${check ?? ''}`,
        );
        continue;
      }
      const weight = w === 'weight' ? int(n) : def.weight;
      if (weight === undefined || weight === 0) track.push(def.name);
      else if (Math.abs(weight) > 253)
        this.drop(t, 'weight beyond -253..253; not tracked', `${inst}: ${check}`);
      else weighted.push({ check: def.name, weight });
    }
  }

  /**
   * One `track_interface` line (`eth1` or `eth1 weight -20`): an `interface` check of that name
   * in the node config, tracked by the VIP (with the weight when there is one). The VIP's own
   * interface is tracked by itself.
   */
  private trackInterface(
    t: ConfStatement,
    inst: string,
    iface: string,
    track: string[],
    weighted: Obj[],
  ): void {
    const [link, w, n, ...rest] = t.words;
    const what = `${inst}: track_interface ${t.words.join(' ')}`;
    if (link === undefined || !IFNAME_RE.test(link)) return this.drop(t, 'not an interface name', what);
    const weight = w === 'weight' ? int(n) : undefined;
    if ((w !== undefined && weight === undefined) || rest.length > 0)
      return this.drop(t, 'not carried (only "IF" or "IF weight N")', what);
    if (link === iface)
      return this.drop(
        t,
        'not needed: the VIP interface is tracked by itself (down: the node cannot serve it)',
        what,
      );
    if (weight !== undefined && Math.abs(weight) > 253)
      return this.drop(t, 'weight beyond -253..253; not tracked', what);
    const name = `link-${link.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 63);
    if (!this.checks.has(name))
      this.checks.set(name, { name, line: t.line, config: { name, type: 'interface', interface: link } });
    if (weight === undefined || weight === 0) track.push(name);
    else weighted.push({ check: name, weight });
  }

  /** One virtual_ipaddress line: ADDR[/PREFIX] [dev IF] [label IF:L] [scope S] [brd B] [noprefixroute]. */
  private address(a: ConfStatement, inst: string, iface: string): Obj[] {
    const [addr, ...rest] = a.words;
    if (addr === undefined) return [];
    const v6 = addr.includes(':');
    const spec: Obj = { address: addr.includes('/') ? addr : `${addr}/${v6 ? 128 : 32}`, interface: iface };
    for (let i = 0; i < rest.length; i++) {
      const k = rest[i];
      const v = rest[i + 1];
      if (k === 'dev' && v !== undefined && IFNAME_RE.test(v)) spec.interface = v;
      else if (k === 'label' && v !== undefined) {
        const label = v.includes(':') ? v.slice(v.indexOf(':') + 1) : v;
        if (LABEL_RE.test(label)) spec.label = label;
        else
          this.drop(
            a,
            'label not carried (1-14 letters, digits, ".", "_", "-" after "IF:")',
            `${inst}: label ${v}`,
          );
      } else if (k === 'scope' && v !== undefined && (SCOPES as readonly string[]).includes(v))
        spec.scope = v;
      else if ((k === 'brd' || k === 'broadcast') && v !== undefined) spec.broadcast = v;
      else if (k === 'noprefixroute') {
        spec.no_prefix_route = true;
        continue;
      } else {
        this.drop(a, 'not carried', `${inst}: virtual_ipaddress ${addr} ${k ?? ''}`);
        continue;
      }
      i++;
    }
    return [spec];
  }

  /** vrrp_sync_group: the VIPs of its member instances get its name as their `group`. */
  private syncGroup(s: ConfStatement): void {
    const groupName = s.words[1] ?? '';
    const group = nameOf(groupName, VIP_NAME_RE);
    const what = `vrrp_sync_group ${groupName}`;
    if (!group) return this.drop(s, 'no VIP group name can be made of it; its members stay apart', what);
    for (const d of s.block ?? []) {
      if (d.words[0] !== 'group') {
        this.drop(
          d,
          'not carried (a group has no notify or track of its own: put them on its VIPs)',
          `${what}: ${d.words.join(' ')}`,
        );
        continue;
      }
      for (const m of d.block ?? []) {
        const inst = m.words[0] ?? '';
        const vips = this.byInstance.get(inst);
        if (!vips) {
          this.drop(m, 'no vrrp_instance of that name made a VIP here; not grouped', `${what}: ${inst}`);
          continue;
        }
        if (this.grouped.has(inst)) {
          this.drop(
            m,
            `already in vrrp_sync_group ${this.grouped.get(inst)!}; an instance is in one group`,
            `${what}: ${inst}`,
          );
          continue;
        }
        this.grouped.set(inst, groupName);
        for (const v of vips) v.group = group;
      }
    }
  }
}

/** Converts a parsed keepalived.conf; `node` overrides global_defs router_id as the node name. */
export function importKeepalived(tree: ConfStatement[], file: string, node?: string): ImportResult {
  const c = new Converter(file, node);
  c.run(tree, node !== undefined);
  const used = new Set(
    c.vips.flatMap((v) => [
      ...(v.track as string[]),
      ...(v.track_weighted as Obj[]).map((t) => t.check as string),
    ]),
  );
  const checks = [...c.checks.values()].filter((k) => used.has(k.name)).map((k) => k.config);
  for (const k of c.checks.values()) {
    if (!used.has(k.name)) c.dropped.push(`${file}:${k.line}: ${k.name}: no VIP tracks it; no check made`);
  }
  const head = `# vipadm import-keepalived ${file}: VIP specs for "vipadm apply -f" (node ${c.node}; merge the\n# nodes of each node's file, then review).\n`;
  let nodeConfig = '';
  const hints: Obj = {};
  if (checks.length > 0) hints.checks = checks;
  if (Object.keys(c.hooks).length > 0) hints.hooks = { vips: c.hooks };
  if (Object.keys(hints).length > 0) {
    const text = stringify(hints, { lineWidth: 0 }).trimEnd();
    nodeConfig = `\n# Node config for ${c.node} (add to its vipd.yaml):\n${text
      .split('\n')
      .map((l) => `#   ${l}`)
      .join('\n')}\n`;
  }
  return { yaml: head + stringify({ vips: c.vips }, { lineWidth: 0 }) + nodeConfig, dropped: c.dropped };
}
