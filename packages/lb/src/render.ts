/**
 * The nftables ruleset for a set of virtual services (pure): the whole wanted state as one
 * `nft -f` script that replaces vipd's own tables in a single transaction, the way kube-proxy's
 * nftables mode does. Nothing outside those tables is touched; no rule is ever edited in place.
 *
 * - `table inet vipd_svc`: NAT mode. prerouting looks up (VIP, protocol, port) in one verdict map
 *   per family and goes to the service's chain, which DNATs to the backend a map picks, keyed by
 *   numgen (rr, wrr, random) or jhash of the source address (sh). postrouting
 *   masquerades a service's connections when it asks for snat (or when its sorry server serves
 *   a dr service). Conntrack keeps an established connection on its backend whatever changes.
 * - `table netdev vipd_svc_dr`: DR mode. An ingress chain on the VIP's interface forwards the
 *   unchanged frame to the backend's MAC (`fwd ip to ADDR device IF`: neighbour resolution, no
 *   address rewritten). There is no conntrack at ingress, so the choice is a stateless hash of
 *   the flow (source address and port; sh: source address only), weighted: every packet of a
 *   connection reaches the same backend while the backend set stays the same.
 */
import type { LbBackend, LbService } from './types';

export const NAT_TABLE = 'vipd_svc';
export const DR_TABLE = 'vipd_svc_dr';
/** jhash seed: fixed, so every director sends one client to the same backend (sh after failover). */
export const HASH_SEED = '0x76697064';

export interface RenderOptions {
  natTable?: string;
  drTable?: string;
}

const chainId = (service: string) => `svc_${service.replace(/-/g, '_')}`;
const ipOf = (family: 4 | 6) => (family === 4 ? 'ip' : 'ip6');
const hostPort = (address: string, port: number) =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
const quote = (text: string) => `"${text.replace(/["\\]/g, '')}"`;

/** `lo-hi : VALUE` elements over weight ranges (each backend gets `weight` slots in a row). */
function weightedElements<T>(
  backends: readonly T[],
  weightOf: (b: T) => number,
  valueOf: (b: T, i: number) => string,
) {
  let next = 0;
  const elements = backends.map((b, i) => {
    const lo = next;
    next += weightOf(b);
    const hi = next - 1;
    return `${lo === hi ? lo : `${lo}-${hi}`} : ${valueOf(b, i)}`;
  });
  return { total: next, elements: elements.join(', ') };
}

/** The selector expression of a NAT service's dispatch. */
function natSelector(s: LbService, modulus: number): string {
  switch (s.scheduler) {
    case 'sh':
      return `jhash ${ipOf(s.family)} saddr mod ${modulus} seed ${HASH_SEED}`;
    case 'random':
      return `numgen random mod ${modulus}`;
    default:
      return `numgen inc mod ${modulus}`;
  }
}

/** rr ignores weights (every backend in rotation once per round); the others follow them. */
const weightFor = (s: LbService) => (b: LbBackend) => (s.scheduler === 'rr' ? 1 : b.weight);

/** A NAT service's one rule: DNAT to a backend picked through a map (no chain per backend). */
function natRule(s: LbService): string {
  const ip = ipOf(s.family);
  const dnat = `meta l4proto ${s.protocol} dnat ${ip} to`;
  let rule: string;
  if (s.backends.length === 0) rule = `${dnat} ${hostPort(s.sorry!.address, s.sorry!.port)}`;
  else if (s.backends.length === 1) rule = `${dnat} ${hostPort(s.backends[0]!.address, s.backends[0]!.port)}`;
  else {
    const target = (b: LbBackend) => `${b.address.includes(':') ? `[${b.address}]` : b.address} . ${b.port}`;
    const { total, elements } = weightedElements(s.backends, weightFor(s), target);
    rule = `${dnat} ${natSelector(s, total)} map { ${elements} }`;
  }
  return rule;
}

/** One verdict map per family: (VIP, protocol, port) → the service's chain, a single lookup. */
function dispatch(services: readonly LbService[]): string[] {
  return ([4, 6] as const).flatMap((family) => {
    const of = services.filter((s) => s.family === family);
    if (of.length === 0) return [];
    const elements = of.map((s) => `${s.vip} . ${s.protocol} . ${s.port} : goto ${chainId(s.name)}`);
    return [`${ipOf(family)} daddr . meta l4proto . th dport vmap { ${elements.join(', ')} }`];
  });
}

/** Whether a service is NATed now: nat mode with backends, or any mode serving its sorry server. */
const natted = (s: LbService) =>
  (s.mode === 'nat' && s.backends.length > 0) || (s.backends.length === 0 && s.sorry !== undefined);
const forwarded = (s: LbService) => s.mode === 'dr' && s.backends.length > 0;

/** The wanted rules, table by table: base chains' rules and one chain per service. */
interface Plan {
  natPre: string[];
  natPost: string[];
  natChains: Map<string, string>;
  /** Ingress base chain name → its device and rules. */
  drIngress: Map<string, { device: string; rules: string[] }>;
  drChains: Map<string, string>;
}

/** What a ruleset leaves in the kernel: the chains a later update must delete if unwanted. */
export interface OwnedChains {
  nat: string[];
  drIngress: string[];
  dr: string[];
}

/** An ingress chain's name for a device: hex, so any interface name makes a valid identifier. */
const ingressId = (device: string) => `ingress_${Buffer.from(device).toString('hex')}`;

function plan(services: readonly LbService[]): Plan {
  const sorted = [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nat = sorted.filter(natted);
  const dr = sorted.filter(forwarded);
  const drIngress = new Map<string, { device: string; rules: string[] }>();
  for (const device of [...new Set(dr.map((s) => s.device))].sort()) {
    drIngress.set(ingressId(device), { device, rules: dispatch(dr.filter((s) => s.device === device)) });
  }
  return {
    natPre: dispatch(nat),
    natPost: nat
      .filter((s) => s.snat || s.backends.length === 0)
      .map(
        (s) =>
          `ct status dnat ct original ${ipOf(s.family)} daddr ${s.vip} meta l4proto ${s.protocol} ct original proto-dst ${s.port} masquerade`,
      ),
    natChains: new Map(nat.map((s) => [chainId(s.name), natRule(s)])),
    drIngress,
    drChains: new Map(dr.map((s) => [chainId(s.name), drRule(s)])),
  };
}

function drRule(s: LbService): string {
  const ip = ipOf(s.family);
  if (s.backends.length === 1) return `fwd ${ip} to ${s.backends[0]!.address} device ${quote(s.device)}`;
  const { total, elements } = weightedElements(s.backends, weightFor(s), (b) => b.address);
  const key = s.scheduler === 'sh' ? `${ip} saddr` : `${ip} saddr . ${s.protocol} sport`;
  return `fwd ${ip} to jhash ${key} mod ${total} seed ${HASH_SEED} map { ${elements} } device ${quote(s.device)}`;
}

const NAT_PRE = 'type nat hook prerouting priority dstnat; policy accept;';
const NAT_POST = 'type nat hook postrouting priority srcnat; policy accept;';
const ingressHook = (device: string) =>
  `type filter hook ingress device ${quote(device)} priority -500; policy accept;`;

export function ownedChains(services: readonly LbService[]): OwnedChains {
  const p = plan(services);
  return { nat: [...p.natChains.keys()], drIngress: [...p.drIngress.keys()], dr: [...p.drChains.keys()] };
}

const block = (name: string, lines: string[]) => [
  `  chain ${name} {`,
  ...lines.map((l) => `    ${l}`),
  '  }',
];

/**
 * The full script: each table is created if missing and deleted (so the delete cannot fail),
 * then written afresh; `nft -f` applies the whole file as one transaction. Used for the first
 * rules (nothing of ours in the kernel) and whenever what is there is not known; also the
 * canonical text of a wanted state.
 */
export function renderRuleset(services: readonly LbService[], options: RenderOptions = {}): string {
  const nat = options.natTable ?? NAT_TABLE;
  const dr = options.drTable ?? DR_TABLE;
  const p = plan(services);
  const out = [`add table inet ${nat}`, `delete table inet ${nat}`];
  if (p.natChains.size > 0) {
    out.push(
      `table inet ${nat} {`,
      ...block('prerouting', [NAT_PRE, ...p.natPre]),
      ...block('postrouting', [NAT_POST, ...p.natPost]),
      ...[...p.natChains].flatMap(([name, rule]) => block(name, [rule])),
      '}',
    );
  }
  out.push(`add table netdev ${dr}`, `delete table netdev ${dr}`);
  if (p.drChains.size > 0) {
    out.push(
      `table netdev ${dr} {`,
      ...[...p.drIngress].flatMap(([name, i]) => block(name, [ingressHook(i.device), ...i.rules])),
      ...[...p.drChains].flatMap(([name, rule]) => block(name, [rule])),
      '}',
    );
  }
  return out.join('\n') + '\n';
}

/**
 * The update from `previous` (what the last applied script left) to `services`, the way
 * kube-proxy does it: base chains are never deleted (re-creating a NAT hook is not seamless for
 * new connections), only flushed and filled again; service chains are flushed and rewritten,
 * and those no longer wanted deleted once nothing jumps to them. One transaction, like the full
 * script: a packet sees the old rules or the new ones.
 */
export function renderUpdate(
  services: readonly LbService[],
  previous: OwnedChains,
  options: RenderOptions = {},
): string {
  const nat = options.natTable ?? NAT_TABLE;
  const dr = options.drTable ?? DR_TABLE;
  const p = plan(services);
  const out = [
    `add table inet ${nat}`,
    `add chain inet ${nat} prerouting { ${NAT_PRE} }`,
    `add chain inet ${nat} postrouting { ${NAT_POST} }`,
    `flush chain inet ${nat} prerouting`,
    `flush chain inet ${nat} postrouting`,
    ...previous.nat.filter((c) => !p.natChains.has(c)).map((c) => `delete chain inet ${nat} ${c}`),
  ];
  for (const [name, rule] of p.natChains) {
    out.push(
      `add chain inet ${nat} ${name}`,
      `flush chain inet ${nat} ${name}`,
      `add rule inet ${nat} ${name} ${rule}`,
    );
  }
  out.push(...p.natPre.map((r) => `add rule inet ${nat} prerouting ${r}`));
  out.push(...p.natPost.map((r) => `add rule inet ${nat} postrouting ${r}`));
  out.push(`add table netdev ${dr}`);
  for (const [name, i] of p.drIngress) {
    out.push(
      `add chain netdev ${dr} ${name} { ${ingressHook(i.device)} }`,
      `flush chain netdev ${dr} ${name}`,
    );
  }
  out.push(
    ...previous.drIngress.filter((c) => !p.drIngress.has(c)).map((c) => `delete chain netdev ${dr} ${c}`),
  );
  out.push(...previous.dr.filter((c) => !p.drChains.has(c)).map((c) => `delete chain netdev ${dr} ${c}`));
  for (const [name, rule] of p.drChains) {
    out.push(
      `add chain netdev ${dr} ${name}`,
      `flush chain netdev ${dr} ${name}`,
      `add rule netdev ${dr} ${name} ${rule}`,
    );
  }
  for (const [name, i] of p.drIngress) out.push(...i.rules.map((r) => `add rule netdev ${dr} ${name} ${r}`));
  return out.join('\n') + '\n';
}
