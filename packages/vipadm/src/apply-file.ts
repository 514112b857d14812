/**
 * The file `vipadm apply -f` reads and `vipadm export` writes: the cluster's desired VIPs and
 * virtual services, so that a cluster can live in git. YAML (or JSON), the VIP specs in the
 * shape of `-o json`'s `spec` (admin.proto's field names), the services in theirs
 * (apply-services.ts):
 *
 *   vips:
 *     - name: web
 *       address: 198.51.100.100/24
 *       interface: eth0
 *       nodes: { n1: { priority: 150 }, n2: { priority: 100, interface: bond0 } }
 *       preempt: true                 # the rest may be left out: these are the defaults
 *       preempt_delay_ms: 0
 *       announce: null                # or { count, interval_ms, refresh_ms, probe_ms }
 *       track: []                     # checks the VIP needs up on a node
 *       track_weighted: []            # or [{ check: svc, weight: -20 }]: the priority changes instead
 *       on_etcd_loss: failsafe
 *   services:                         # left out: apply leaves the services alone
 *     - name: web
 *       vip: web
 *       port: 80
 *       backends: [{ address: 203.0.113.10, port: 8080, weight: 1 }]
 *
 * Parsing is pure: text in, specs out, or one UsageError naming the file, the VIP and the field.
 */
import type { VipRoute__Output, VipRule__Output, VipSpec__Output } from '@vipd/proto';
import { parseYamlText } from '@vipd/config';
import { stringify } from 'yaml';
import { parseServices, type ServiceFileSpec } from './apply-services';
import { UsageError } from './errors';
import { specJson } from './json';
import type { VipSpecInput } from './spec';
import {
  ANNOUNCE_MODES,
  CHECK_NAME_RE,
  MAX_TRACK_WEIGHT,
  DEFAULT_ANNOUNCE,
  DEFAULT_ANNOUNCE_MODE,
  DEFAULT_ON_ETCD_LOSS,
  LABEL_RE,
  prefixBroadcast,
  SCOPES,
  DEFAULT_PRIORITY,
  IFNAME_RE,
  NODE_NAME_RE,
  ON_ETCD_LOSS,
  VIP_NAME_RE,
  vipAddress,
} from './values';

/** A VIP as the file holds it, every default explicit: specJson's shape. */
export type FileSpec = NonNullable<ReturnType<typeof specJson>>;

const SPEC_KEYS = [
  'name',
  'address',
  'interface',
  'nodes',
  'preempt',
  'preempt_delay_ms',
  'announce',
  'track',
  'track_weighted',
  'on_etcd_loss',
  'label',
  'no_prefix_route',
  'scope',
  'broadcast',
  'routes',
  'rules',
  'vmac',
  'group',
];
const ANNOUNCE_LIMITS: Record<string, number> = {
  count: 100,
  interval_ms: 60_000,
  refresh_ms: 86_400_000,
  probe_ms: 86_400_000,
  second_burst_delay_ms: 3_600_000,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the file says: its VIPs, and its services (undefined: no `services:` key, not managed). */
export interface ApplyDocument {
  vips: FileSpec[];
  services: ServiceFileSpec[] | undefined;
}

const TOP_KEYS = ['vips', 'services'];

/** Parses the file's text; `file` names it in messages. */
export function parseApplyDocument(text: string, file: string): ApplyDocument {
  let doc: unknown;
  try {
    doc = parseYamlText(text);
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!isObj(doc)) {
    throw new UsageError(`${file}: must be a mapping with a "vips" list (see vipadm export)`);
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) {
      throw new UsageError(`${file}: unknown key ${JSON.stringify(key)} (known: ${TOP_KEYS.join(', ')})`);
    }
  }
  const vips = doc.vips ?? [];
  if (!Array.isArray(vips)) throw new UsageError(`${file}: vips: must be a list`);
  const specs = vips.map((v, i) => fileSpec(v, `${file}: vips[${i}]`));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) throw new UsageError(`${file}: VIP ${s.name} is listed twice`);
    seen.add(s.name);
  }
  // `services: null` (a YAML key with nothing under it) is an empty list: manage, and hold none.
  const services = 'services' in doc ? parseServices(doc.services ?? [], file) : undefined;
  return { vips: specs, services };
}

/** The file's VIPs (see parseApplyDocument). */
export function parseApplyFile(text: string, file: string): FileSpec[] {
  return parseApplyDocument(text, file).vips;
}

function fileSpec(v: unknown, at: string): FileSpec {
  if (!isObj(v)) throw new UsageError(`${at}: must be a mapping (name, address, interface, ...)`);
  const name = v.name;
  if (typeof name !== 'string' || !VIP_NAME_RE.test(name)) {
    throw new UsageError(`${at}: name: lower-case letters, digits and "-", at most 63 characters`);
  }
  const where = `${at} (${name})`;
  const bad = (field: string, what: string) => new UsageError(`${where}: ${field}: ${what}`);
  for (const key of Object.keys(v)) {
    if (!SPEC_KEYS.includes(key)) throw bad(key, `unknown key (known: ${SPEC_KEYS.join(', ')})`);
  }
  const str = (field: string, re?: RegExp, what = 'a string'): string => {
    const x = v[field];
    if (typeof x !== 'string' || (re && !re.test(x))) throw bad(field, `must be ${what}`);
    return x;
  };
  const address = str('address');
  try {
    vipAddress(address);
  } catch {
    throw bad('address', `must be ADDRESS/PREFIX (e.g. 198.51.100.100/24), got ${JSON.stringify(address)}`);
  }
  const iface = str('interface', IFNAME_RE, 'a Linux interface name (1-15 characters)');
  const nodes: FileSpec['nodes'] = {};
  const rawNodes = v.nodes ?? {};
  if (!isObj(rawNodes)) throw bad('nodes', 'must be a mapping of node names to { priority, interface }');
  for (const [node, entry] of Object.entries(rawNodes)) {
    if (!NODE_NAME_RE.test(node)) throw bad(`nodes.${node}`, 'not a node name');
    const e = entry ?? {};
    if (!isObj(e)) throw bad(`nodes.${node}`, 'must be { priority, interface } (both optional)');
    for (const k of Object.keys(e)) {
      if (k !== 'priority' && k !== 'interface') throw bad(`nodes.${node}.${k}`, 'unknown key');
    }
    const priority = e.priority ?? DEFAULT_PRIORITY;
    if (!Number.isInteger(priority) || (priority as number) < 1 || (priority as number) > 255) {
      throw bad(`nodes.${node}.priority`, 'must be a whole number from 1 to 255');
    }
    const nodeIface = e.interface ?? '';
    if (typeof nodeIface !== 'string' || (nodeIface !== '' && !IFNAME_RE.test(nodeIface))) {
      throw bad(`nodes.${node}.interface`, 'must be a Linux interface name');
    }
    nodes[node] = { priority: priority as number, interface: nodeIface };
  }
  const preempt = v.preempt ?? true;
  if (typeof preempt !== 'boolean') throw bad('preempt', 'must be true or false');
  const delay = v.preempt_delay_ms ?? 0;
  if (!Number.isInteger(delay) || (delay as number) < 0 || (delay as number) > 3_600_000) {
    throw bad('preempt_delay_ms', 'must be a whole number from 0 to 3600000');
  }
  let announce: FileSpec['announce'] = null;
  if (v.announce !== undefined && v.announce !== null) {
    if (!isObj(v.announce))
      throw bad('announce', 'must be null or { count, interval_ms, refresh_ms, probe_ms }');
    const { mode = DEFAULT_ANNOUNCE_MODE, ...numbers } = v.announce;
    if (typeof mode !== 'string' || !(ANNOUNCE_MODES as readonly string[]).includes(mode))
      throw bad('announce.mode', 'must be arp, bgp or both');
    const a: Record<string, number> = { ...DEFAULT_ANNOUNCE };
    for (const [k, x] of Object.entries(numbers)) {
      const max = ANNOUNCE_LIMITS[k];
      if (max === undefined) throw bad(`announce.${k}`, 'unknown key');
      // A second burst of 0 is "none", the default; every other 0 would read as "the default".
      const min = k === 'second_burst_delay_ms' ? 0 : 1;
      if (!Number.isInteger(x) || (x as number) < min || (x as number) > max) {
        throw bad(`announce.${k}`, `must be a whole number from ${min} to ${max}`);
      }
      a[k] = x as number;
    }
    announce = {
      count: a.count!,
      interval_ms: a.interval_ms!,
      refresh_ms: a.refresh_ms!,
      probe_ms: a.probe_ms!,
      second_burst_delay_ms: a.second_burst_delay_ms!,
      mode,
    };
  }
  const track = v.track ?? [];
  if (!Array.isArray(track) || !track.every((t) => typeof t === 'string' && CHECK_NAME_RE.test(t))) {
    throw bad('track', 'must be a list of check names (letters, digits, "-", "_")');
  }
  if (new Set(track).size !== track.length) throw bad('track', 'names a check twice');
  const weighted = v.track_weighted ?? [];
  const weightRule = `must be a list of { check, weight } (weight -${MAX_TRACK_WEIGHT}..${MAX_TRACK_WEIGHT}, not 0)`;
  if (!Array.isArray(weighted)) throw bad('track_weighted', weightRule);
  const trackWeighted = weighted.map((t: unknown, i) => {
    if (!isObj(t) || typeof t.check !== 'string' || !CHECK_NAME_RE.test(t.check)) {
      throw bad(`track_weighted[${i}]`, weightRule);
    }
    const w = t.weight;
    if (typeof w !== 'number' || !Number.isInteger(w) || w === 0 || Math.abs(w) > MAX_TRACK_WEIGHT) {
      throw bad(`track_weighted[${i}].weight`, weightRule);
    }
    if (Object.keys(t).some((k) => k !== 'check' && k !== 'weight'))
      throw bad(`track_weighted[${i}]`, weightRule);
    return { check: t.check, weight: w };
  });
  const allChecks = [...(track as string[]), ...trackWeighted.map((t) => t.check)];
  if (new Set(allChecks).size !== allChecks.length)
    throw bad('track_weighted', 'names a check twice (or one in track too)');
  const onLoss = v.on_etcd_loss ?? DEFAULT_ON_ETCD_LOSS;
  if (typeof onLoss !== 'string' || !(ON_ETCD_LOSS as readonly string[]).includes(onLoss)) {
    throw bad('on_etcd_loss', `must be ${ON_ETCD_LOSS.join(' or ')}`);
  }
  const label = v.label ?? '';
  if (typeof label !== 'string' || (label !== '' && !LABEL_RE.test(label))) {
    throw bad('label', 'must be 1-14 letters, digits, ".", "_" or "-" (the part after "IF:"), or ""');
  }
  const noPrefixRoute = v.no_prefix_route ?? false;
  if (typeof noPrefixRoute !== 'boolean') throw bad('no_prefix_route', 'must be true or false');
  const scope = v.scope ?? 'global';
  if (typeof scope !== 'string' || !(SCOPES as readonly string[]).includes(scope)) {
    throw bad('scope', `must be ${SCOPES.join(', ')}`);
  }
  const given = v.broadcast ?? '';
  if (typeof given !== 'string') throw bad('broadcast', 'must be an IPv4 address, "+" or ""');
  // "+" is resolved here as the coordinator resolves it: the file and the stored spec compare equal.
  const broadcast = given === '+' ? prefixBroadcast(address) : given;
  if (broadcast === undefined) throw bad('broadcast', `"+": ${address} has no broadcast address`);
  const { routes, rules } = fileRoutesAndRules(v, address, bad);
  const vmac = v.vmac ?? 0;
  if (typeof vmac !== 'number' || !Number.isInteger(vmac) || vmac < 0 || vmac > 255) {
    throw bad('vmac', 'must be an id 1..255, or 0 for none');
  }
  const group = v.group ?? '';
  if (typeof group !== 'string' || (group !== '' && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(group))) {
    throw bad('group', 'must be lower-case letters, digits and "-" (at most 63), or "" for none');
  }
  return {
    name,
    address,
    interface: iface,
    nodes: Object.fromEntries(Object.entries(nodes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    preempt,
    preempt_delay_ms: delay as number,
    announce,
    track: [...(track as string[])].sort(),
    track_weighted: trackWeighted.sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0)),
    on_etcd_loss: onLoss,
    label,
    no_prefix_route: noPrefixRoute,
    scope,
    broadcast,
    routes,
    rules,
    vmac,
    group,
  };
}

/**
 * routes and rules of a file's VIP, in the stored spec's shape (defaults explicit: table 254,
 * "default" as the family's 0/0) so that the file and the stored spec compare equal.
 */
function fileRoutesAndRules(
  v: Record<string, unknown>,
  address: string,
  bad: (field: string, why: string) => Error,
): { routes: VipRoute__Output[]; rules: VipRule__Output[] } {
  const str = (o: Record<string, unknown>, k: string, field: string): string => {
    const x = o[k] ?? '';
    if (typeof x !== 'string') throw bad(field, 'must be a string');
    return x;
  };
  const num = (o: Record<string, unknown>, k: string, field: string, dflt: number, min: number): number => {
    const x = o[k] ?? dflt;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > 0xffffffff) {
      throw bad(field, `must be a whole number ${min}..4294967295`);
    }
    return x;
  };
  const zero = address.includes(':') ? '::/0' : '0.0.0.0/0';
  const list = (k: string): Record<string, unknown>[] => {
    const x = v[k] ?? [];
    if (!Array.isArray(x) || !x.every(isObj)) throw bad(k, 'must be a list of objects');
    return x;
  };
  const routes = list('routes').map((r, i) => {
    const f = `routes[${i}]`;
    const extra = Object.keys(r).find((k) => !['to', 'via', 'dev', 'table', 'metric'].includes(k));
    if (extra) throw bad(f, `unknown field ${extra} (to, via, dev, table, metric)`);
    const to = str(r, 'to', `${f}.to`);
    if (!to) throw bad(`${f}.to`, 'is required');
    return {
      to: to === 'default' ? zero : to,
      via: str(r, 'via', `${f}.via`),
      dev: str(r, 'dev', `${f}.dev`),
      table: num(r, 'table', `${f}.table`, 254, 1),
      metric: num(r, 'metric', `${f}.metric`, 0, 0),
    };
  });
  const rules = list('rules').map((r, i) => {
    const f = `rules[${i}]`;
    const extra = Object.keys(r).find((k) => !['from', 'to', 'table', 'priority'].includes(k));
    if (extra) throw bad(f, `unknown field ${extra} (from, to, table, priority)`);
    if (r.table === undefined) throw bad(`${f}.table`, 'is required');
    return {
      from: str(r, 'from', `${f}.from`),
      to: str(r, 'to', `${f}.to`),
      table: num(r, 'table', `${f}.table`, 0, 1),
      priority: num(r, 'priority', `${f}.priority`, 0, 0),
    };
  });
  return { routes, rules };
}

/** The request spec for CreateVip / UpdateVip. */
export function toRequest(s: FileSpec): VipSpecInput {
  return {
    name: s.name,
    address: s.address,
    interface: s.interface,
    nodes: Object.fromEntries(Object.entries(s.nodes).map(([n, e]) => [n, { ...e }])),
    preempt: s.preempt,
    preempt_delay_ms: s.preempt_delay_ms,
    ...(s.announce && { announce: { ...s.announce } }),
    track: [...s.track],
    track_weighted: s.track_weighted.map((t) => ({ ...t })),
    on_etcd_loss: s.on_etcd_loss,
    label: s.label,
    no_prefix_route: s.no_prefix_route,
    scope: s.scope,
    broadcast: s.broadcast,
    routes: s.routes.map((r) => ({ ...r })),
    rules: s.rules.map((r) => ({ ...r })),
    vmac: s.vmac,
    group: s.group,
  };
}

/** The stored spec in the file's shape (defaults explicit, sorted), for comparing and export. */
export function fromStored(spec: VipSpec__Output): FileSpec | undefined {
  return specJson(spec) ?? undefined;
}

/** What `vipadm export` writes: every VIP and every service, by name, in the file's shape. */
export function renderExport(specs: FileSpec[], cluster: string, services: ServiceFileSpec[] = []): string {
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const head =
    `# vipadm export of cluster ${cluster || '-'}: the VIPs and virtual services, ` +
    'as vipadm apply -f reads them.\n';
  const doc = { vips: [...specs].sort(byName), services: [...services].sort(byName) };
  return head + stringify(doc, { lineWidth: 0 });
}
