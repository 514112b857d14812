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

/** A NAT service's one chain: DNAT to a backend picked through a map (no chain per backend). */
function natChain(s: LbService): string {
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
  return `chain ${chainId(s.name)} {\n    ${rule}\n  }`;
}

/** One verdict map per family: (VIP, protocol, port) → the service's chain, a single lookup. */
function dispatch(services: readonly LbService[]): string[] {
  return ([4, 6] as const).flatMap((family) => {
    const of = services.filter((s) => s.family === family);
    if (of.length === 0) return [];
    const elements = of.map((s) => `${s.vip} . ${s.protocol} . ${s.port} : goto ${chainId(s.name)}`);
    return [`    ${ipOf(family)} daddr . meta l4proto . th dport vmap { ${elements.join(', ')} }`];
  });
}

/** Whether a service is NATed now: nat mode with backends, or any mode serving its sorry server. */
const natted = (s: LbService) =>
  (s.mode === 'nat' && s.backends.length > 0) || (s.backends.length === 0 && s.sorry !== undefined);
const forwarded = (s: LbService) => s.mode === 'dr' && s.backends.length > 0;

function natTable(name: string, services: readonly LbService[]): string {
  const nat = services.filter(natted);
  if (nat.length === 0) return '';
  const masq = nat.filter((s) => s.snat || s.backends.length === 0);
  const lines = [
    `table inet ${name} {`,
    '  chain prerouting {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    ...dispatch(nat),
    '  }',
    '  chain postrouting {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    ...masq.map(
      (s) =>
        `    ct status dnat ct original ${ipOf(s.family)} daddr ${s.vip} meta l4proto ${s.protocol} ct original proto-dst ${s.port} masquerade`,
    ),
    '  }',
    ...nat.map((s) => `  ${natChain(s)}`),
    '}',
  ];
  return lines.join('\n') + '\n';
}

function drTable(name: string, services: readonly LbService[]): string {
  const dr = services.filter(forwarded);
  if (dr.length === 0) return '';
  const devices = [...new Set(dr.map((s) => s.device))].sort();
  const lines = [`table netdev ${name} {`];
  devices.forEach((device, d) => {
    lines.push(
      `  chain ingress_${d} {`,
      `    type filter hook ingress device ${quote(device)} priority -500; policy accept;`,
      ...dispatch(dr.filter((s) => s.device === device)),
      '  }',
    );
  });
  for (const s of dr) {
    const ip = ipOf(s.family);
    const fwd = (address: string) => `fwd ${ip} to ${address} device ${quote(s.device)}`;
    let rule: string;
    if (s.backends.length === 1) rule = fwd(s.backends[0]!.address);
    else {
      const { total, elements } = weightedElements(s.backends, weightFor(s), (b) => b.address);
      const key = s.scheduler === 'sh' ? `${ip} saddr` : `${ip} saddr . ${s.protocol} sport`;
      rule = `fwd ${ip} to jhash ${key} mod ${total} seed ${HASH_SEED} map { ${elements} } device ${quote(s.device)}`;
    }
    lines.push(`  chain ${chainId(s.name)} {`, `    ${rule}`, '  }');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * The script: each table is created if missing and deleted (so the delete cannot fail), then
 * written afresh when anything needs it; `nft -f` applies the whole file as one transaction.
 */
export function renderRuleset(services: readonly LbService[], options: RenderOptions = {}): string {
  const nat = options.natTable ?? NAT_TABLE;
  const dr = options.drTable ?? DR_TABLE;
  const sorted = [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    `add table inet ${nat}\ndelete table inet ${nat}\n`,
    natTable(nat, sorted),
    `add table netdev ${dr}\ndelete table netdev ${dr}\n`,
    drTable(dr, sorted),
  ].join('');
}
