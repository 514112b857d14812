/**
 * The `services:` section of the file `vipadm apply -f` reads and `vipadm export` writes: the
 * cluster's virtual services (docs/services.md) in the shape of `service get -o json`'s `spec`
 * (admin.proto's field names), every default explicit when exported:
 *
 *   services:
 *     - name: web
 *       vip: front
 *       port: 80
 *       backends:
 *         - { address: 203.0.113.10, port: 8080, weight: 1 }
 *       protocol: tcp                 # the rest may be left out: these are the defaults
 *       scheduler: rr
 *       mode: nat
 *       snat: false
 *       check: { type: tcp, interval_ms: 1000, timeout_ms: 1000, rise: 2, fall: 2, path: "",
 *                expect_status: 0, expect_body: "", port: 0, argv: [] }
 *       sorry: ""                     # or ADDR:PORT
 *       quorum: 0
 *
 * The defaults are the coordinator's (serviceToMsg in services/coordinator), so that a file and
 * the stored service compare equal when they mean the same. What is checked here is the shape;
 * the coordinator checks the rest (the VIP exists, one address family, quorum, dr ports).
 * Pure: text in, specs out, or one UsageError naming the file, the service and the field.
 */
import type { ServiceSpec, ServiceSpec__Output } from '@vipd/proto';
import { UsageError } from './errors';
import { VIP_NAME_RE } from './values';

export interface ServiceFileCheck {
  type: string;
  interval_ms: number;
  timeout_ms: number;
  rise: number;
  fall: number;
  path: string;
  expect_status: number;
  expect_body: string;
  port: number;
  argv: string[];
}

/** A service as the file holds it, every default explicit. */
export interface ServiceFileSpec {
  name: string;
  vip: string;
  protocol: string;
  port: number;
  scheduler: string;
  mode: string;
  snat: boolean;
  backends: { address: string; port: number; weight: number }[];
  check: ServiceFileCheck;
  /** ADDR:PORT ([ADDR]:PORT for IPv6); '' for none. */
  sorry: string;
  quorum: number;
}

const SERVICE_KEYS = [
  'name',
  'vip',
  'protocol',
  'port',
  'scheduler',
  'mode',
  'snat',
  'backends',
  'check',
  'sorry',
  'quorum',
];
const CHECK_KEYS = [
  'type',
  'interval_ms',
  'timeout_ms',
  'rise',
  'fall',
  'path',
  'expect_status',
  'expect_body',
  'port',
  'argv',
];
const PROTOCOLS = ['tcp', 'udp'];
const SCHEDULERS = ['rr', 'wrr', 'sh', 'random'];
const MODES = ['nat', 'dr'];
const CHECK_TYPES = ['tcp', 'http', 'exec', 'none'];
const MAX_WEIGHT = 1000;
const MAX_BACKENDS = 256;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An IP address as the store writes it: IPv6 compressed and lower-case, IPv4 as it is. */
function canonicalAddress(text: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    return text.split('.').every((o) => Number(o) <= 255) ? text : undefined;
  }
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** `ADDR:PORT` or `[V6]:PORT` in canonical form, or undefined. */
function canonicalTarget(text: string): string | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const address = m && canonicalAddress((m[1] ?? m[2])!);
  const port = Number(m?.[3]);
  if (!address || port < 1 || port > 65_535) return undefined;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Parses the `services:` list; `at` names the file. */
export function parseServices(list: unknown, at: string): ServiceFileSpec[] {
  if (!Array.isArray(list)) throw new UsageError(`${at}: services: must be a list`);
  const specs = list.map((s, i) => fileService(s, `${at}: services[${i}]`));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) throw new UsageError(`${at}: service ${s.name} is listed twice`);
    seen.add(s.name);
  }
  return specs;
}

function fileService(v: unknown, at: string): ServiceFileSpec {
  if (!isObj(v)) throw new UsageError(`${at}: must be a mapping (name, vip, port, backends, ...)`);
  const name = v.name;
  if (typeof name !== 'string' || !VIP_NAME_RE.test(name)) {
    throw new UsageError(`${at}: name: lower-case letters, digits and "-", at most 63 characters`);
  }
  const where = `${at} (${name})`;
  const bad = (field: string, what: string) => new UsageError(`${where}: ${field}: ${what}`);
  const known = (o: Obj, keys: string[], prefix: string) => {
    for (const key of Object.keys(o)) {
      if (!keys.includes(key)) throw bad(`${prefix}${key}`, `unknown key (known: ${keys.join(', ')})`);
    }
  };
  known(v, SERVICE_KEYS, '');
  const int = (o: Obj, field: string, min: number, max: number, fallback?: number, label = field): number => {
    const x = o[field] ?? fallback;
    if (!Number.isInteger(x) || (x as number) < min || (x as number) > max) {
      throw bad(label, `must be a whole number from ${min} to ${max}`);
    }
    return x as number;
  };
  const oneOf = (o: Obj, field: string, allowed: string[], fallback: string, label = field): string => {
    const x = o[field] ?? fallback;
    if (typeof x !== 'string' || !allowed.includes(x)) throw bad(label, `must be ${allowed.join(', ')}`);
    return x;
  };
  const vip = v.vip;
  if (typeof vip !== 'string' || !VIP_NAME_RE.test(vip)) throw bad('vip', 'must be the name of a VIP');
  const snat = v.snat ?? false;
  if (typeof snat !== 'boolean') throw bad('snat', 'must be true or false');
  const rawBackends = v.backends ?? [];
  if (!Array.isArray(rawBackends) || rawBackends.length > MAX_BACKENDS) {
    throw bad('backends', `must be a list of { address, port, weight } (at most ${MAX_BACKENDS})`);
  }
  const backends = rawBackends.map((b, i) => {
    const label = `backends[${i}]`;
    if (!isObj(b)) throw bad(label, 'must be { address, port, weight } (weight optional)');
    known(b, ['address', 'port', 'weight'], `${label}.`);
    const address = typeof b.address === 'string' ? canonicalAddress(b.address) : undefined;
    if (!address) throw bad(`${label}.address`, `must be an IP address, got ${JSON.stringify(b.address)}`);
    return {
      address,
      port: int(b, 'port', 1, 65_535, undefined, `${label}.port`),
      weight: int(b, 'weight', 0, MAX_WEIGHT, 1, `${label}.weight`),
    };
  });
  const rawCheck = v.check ?? {};
  if (!isObj(rawCheck)) throw bad('check', 'must be a mapping (type, interval_ms, ...)');
  known(rawCheck, CHECK_KEYS, 'check.');
  const str = (o: Obj, field: string, label: string): string => {
    const x = o[field] ?? '';
    if (typeof x !== 'string') throw bad(label, 'must be a string');
    return x;
  };
  const argv = rawCheck.argv ?? [];
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string' && a !== '')) {
    throw bad('check.argv', 'must be a list of non-empty strings (exec: the command and its arguments)');
  }
  const sorryText = v.sorry ?? '';
  if (typeof sorryText !== 'string') throw bad('sorry', 'must be ADDR:PORT or ""');
  const sorry = sorryText === '' ? '' : canonicalTarget(sorryText);
  if (sorry === undefined) {
    throw bad('sorry', `must be ADDR:PORT ([ADDR]:PORT for IPv6) or "", got ${JSON.stringify(sorryText)}`);
  }
  return normalizeService({
    name,
    vip,
    protocol: oneOf(v, 'protocol', PROTOCOLS, 'tcp'),
    port: int(v, 'port', 1, 65_535),
    scheduler: oneOf(v, 'scheduler', SCHEDULERS, 'rr'),
    mode: oneOf(v, 'mode', MODES, 'nat'),
    snat,
    backends,
    check: {
      type: oneOf(rawCheck, 'type', CHECK_TYPES, 'tcp', 'check.type'),
      interval_ms: int(rawCheck, 'interval_ms', 0, 3_600_000, 0, 'check.interval_ms'),
      timeout_ms: int(rawCheck, 'timeout_ms', 0, 3_600_000, 0, 'check.timeout_ms'),
      rise: int(rawCheck, 'rise', 0, 100, 0, 'check.rise'),
      fall: int(rawCheck, 'fall', 0, 100, 0, 'check.fall'),
      path: str(rawCheck, 'path', 'check.path'),
      expect_status: int(rawCheck, 'expect_status', 0, 599, 0, 'check.expect_status'),
      expect_body: str(rawCheck, 'expect_body', 'check.expect_body'),
      port: int(rawCheck, 'port', 0, 65_535, 0, 'check.port'),
      argv: argv as string[],
    },
    sorry,
    quorum: int(v, 'quorum', 0, MAX_BACKENDS, 0),
  });
}

/**
 * Every default filled in as the coordinator fills it (0 and "" are "unset" in admin.proto):
 * what makes a file's service and the stored one comparable field by field.
 */
function normalizeService(s: ServiceFileSpec): ServiceFileSpec {
  const c = s.check;
  const type = c.type || 'tcp';
  const interval = c.interval_ms || 1000;
  return {
    ...s,
    protocol: s.protocol || 'tcp',
    scheduler: s.scheduler || 'rr',
    mode: s.mode || 'nat',
    check: {
      type,
      interval_ms: interval,
      timeout_ms: c.timeout_ms || Math.min(1000, interval),
      rise: c.rise || 2,
      fall: c.fall || 2,
      path: c.path || (type === 'http' ? '/' : ''),
      expect_status: c.expect_status || (type === 'http' ? 200 : 0),
      expect_body: c.expect_body,
      port: c.port,
      argv: [...c.argv],
    },
  };
}

/** The stored service (as the coordinator answers it) in the file's shape. */
export function serviceFromStored(spec: ServiceSpec__Output): ServiceFileSpec {
  const c = spec.check;
  return normalizeService({
    name: spec.name,
    vip: spec.vip,
    protocol: spec.protocol,
    port: spec.port,
    scheduler: spec.scheduler,
    mode: spec.mode,
    snat: spec.snat,
    backends: spec.backends.map((b) => ({ address: b.address, port: b.port, weight: b.weight })),
    check: {
      type: c?.type ?? '',
      interval_ms: c?.interval_ms ?? 0,
      timeout_ms: c?.timeout_ms ?? 0,
      rise: c?.rise ?? 0,
      fall: c?.fall ?? 0,
      path: c?.path ?? '',
      expect_status: c?.expect_status ?? 0,
      expect_body: c?.expect_body ?? '',
      port: c?.port ?? 0,
      argv: c?.argv ?? [],
    },
    sorry: spec.sorry,
    quorum: spec.quorum,
  });
}

/**
 * The request spec for CreateService / UpdateService. The check's http-only fields go only with
 * an http check (the coordinator refuses them on another type, and "" / 0 mean unset anyway).
 */
export function serviceToRequest(s: ServiceFileSpec): ServiceSpec {
  const http = s.check.type === 'http';
  return {
    ...s,
    backends: s.backends.map((b) => ({ ...b, weight_set: true })),
    check: {
      ...s.check,
      path: http ? s.check.path : '',
      expect_status: http ? s.check.expect_status : 0,
      argv: [...s.check.argv],
    },
  };
}

/** One field of a service as a short text, for the diff. */
export function showServiceField(field: keyof ServiceFileSpec, s: ServiceFileSpec): string {
  switch (field) {
    case 'backends':
      return s.backends.length === 0
        ? 'none'
        : s.backends
            .map((b) => `${b.address.includes(':') ? `[${b.address}]` : b.address}:${b.port}=${b.weight}`)
            .join(',');
    case 'check': {
      const c = s.check;
      const extra = [
        c.path && c.type === 'http' ? `path ${c.path}` : '',
        c.type === 'http' ? `status ${c.expect_status}` : '',
        c.expect_body ? `body ${JSON.stringify(c.expect_body)}` : '',
        c.port ? `port ${c.port}` : '',
        c.argv.length > 0 ? `argv ${JSON.stringify(c.argv)}` : '',
      ].filter(Boolean);
      const timing = `every ${c.interval_ms}ms, timeout ${c.timeout_ms}ms, rise ${c.rise}, fall ${c.fall}`;
      return [c.type, ...extra].join(' ') + (c.type === 'none' ? '' : `, ${timing}`);
    }
    case 'sorry':
      return s.sorry || 'none';
    case 'quorum':
      return s.quorum === 0 ? 'off' : String(s.quorum);
    default:
      return String(s[field]);
  }
}

export const SERVICE_FIELDS: (keyof ServiceFileSpec)[] = [
  'vip',
  'protocol',
  'port',
  'scheduler',
  'mode',
  'snat',
  'backends',
  'check',
  'sorry',
  'quorum',
];
