/**
 * Virtual services (L4 load balancing on a VIP), as stored (JSON) at
 * /vipd/<cluster>/services/<name>: parsing and validation (pure, shared by vipd and the
 * coordinator), the stored form, and the coordinator's guarded writes of it. What needs the
 * rest of the cluster (the VIP exists, its address family) is the caller's: see
 * checkServiceAgainstVip.
 */
import type { Etcd3, ITxnRequest } from 'etcd3';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { fromEtcdError, InvalidServiceSpecError } from './errors';
import type { Keys } from './keys';
import type { VipSpec } from './vip-spec';
import { VIP_NAME_RE } from './vip-spec';

export const SERVICE_NAME_RE = VIP_NAME_RE;
export const SCHEDULERS = ['rr', 'wrr', 'sh', 'random'] as const;
export const MAX_WEIGHT = 1000;
export const MAX_BACKENDS = 256;
export type Scheduler = (typeof SCHEDULERS)[number];

const port = z.number().int().min(1, 'must be 1-65535').max(65_535, 'must be 1-65535');
const address = z.string().superRefine((text, ctx) => {
  if (!ipaddr.isValid(text) || (!ipaddr.IPv4.isValidFourPartDecimal(text) && !text.includes(':'))) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${JSON.stringify(text)} is not an IP address` });
  }
});

const backend = z
  .object({
    address,
    port,
    /** 0: drained (no new connections; established ones finish). */
    weight: z
      .number()
      .int()
      .min(0, `must be 0-${MAX_WEIGHT}`)
      .max(MAX_WEIGHT, `must be 0-${MAX_WEIGHT}`)
      .default(1),
  })
  .strict();

const ms = (min: number) => z.number().int().min(min).max(3_600_000);
const count = z.number().int().min(1).max(100);

const check = z
  .object({
    type: z.enum(['tcp', 'http', 'exec', 'none']).default('tcp'),
    intervalMs: ms(50).default(1000),
    timeoutMs: ms(10).optional(),
    rise: count.default(2),
    fall: count.default(2),
    /** http: the path asked for on the backend's address and port (or `port`). */
    path: z
      .string()
      .regex(/^\/[^\s]*$/, 'must start with "/" and hold no white space')
      .optional(),
    expectStatus: z.number().int().min(100).max(599).optional(),
    /** http: a string the response body must contain (the first 64 KiB are read). */
    expectBody: z.string().max(1024).optional(),
    /** tcp/http: probe this port instead of the backend's. */
    port: port.optional(),
    /** exec: the command and its arguments, run with VIPD_BACKEND_ADDRESS/_PORT set. */
    argv: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const rawService = z
  .object({
    name: z
      .string()
      .regex(SERVICE_NAME_RE, 'must be lower-case letters, digits and "-", at most 63 characters'),
    vip: z.string().regex(VIP_NAME_RE, 'must be a VIP name'),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    port,
    scheduler: z.enum(SCHEDULERS, { message: `must be one of ${SCHEDULERS.join(', ')}` }).default('rr'),
    mode: z.enum(['nat', 'dr']).default('nat'),
    /** nat: masquerade towards the backends, for backends that do not route back through the director. */
    snat: z.boolean().default(false),
    backends: z.array(backend).max(MAX_BACKENDS),
    check: check.default({}),
    sorry: z.object({ address, port }).strict().optional(),
    /** Fewer healthy backends than this: the node cannot serve the service's VIP. 0: off. */
    quorum: z.number().int().min(0).max(MAX_BACKENDS).default(0),
  })
  .strict();

export type ServiceBackend = z.infer<typeof backend>;
export type ServiceCheck = Omit<z.infer<typeof check>, 'timeoutMs'> & { timeoutMs: number };

export interface ServiceSpec {
  name: string;
  vip: string;
  protocol: 'tcp' | 'udp';
  port: number;
  scheduler: Scheduler;
  mode: 'nat' | 'dr';
  snat: boolean;
  /** Addresses in canonical form. */
  backends: ServiceBackend[];
  check: ServiceCheck;
  sorry?: { address: string; port: number };
  quorum: number;
  /** 4 or 6, from the backends (all of one family); undefined with no backend and no sorry. */
  family?: 4 | 6;
}

/** `ADDR:PORT` (IPv6 as `[ADDR]:PORT`) of a backend or sorry server. */
export function targetText(t: { address: string; port: number }): string {
  return t.address.includes(':') ? `[${t.address}]:${t.port}` : `${t.address}:${t.port}`;
}

/** Parses `ADDR:PORT` or `[V6]:PORT` into a canonical address and a port 1-65535. */
export function parseTarget(text: string): { address: string; port: number } | { problem: string } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const host = m?.[1] ?? m?.[2];
  if (m === null || host === undefined) {
    return { problem: `${JSON.stringify(text)} is not ADDR:PORT (IPv6 as [ADDR]:PORT)` };
  }
  const v6 = m[1] !== undefined;
  const ok = v6 ? ipaddr.IPv6.isValid(host) : ipaddr.IPv4.isValidFourPartDecimal(host);
  if (!ok) return { problem: `${JSON.stringify(host)} is not an IP${v6 ? 'v6' : 'v4'} address` };
  const p = Number(m[3]);
  if (p < 1 || p > 65_535) return { problem: `port ${m[3]} in ${JSON.stringify(text)} must be 1-65535` };
  return { address: ipaddr.parse(host).toString(), port: p };
}

const familyOf = (addr: string): 4 | 6 => (addr.includes(':') ? 6 : 4);

/** Validates a service value; throws InvalidServiceSpecError listing every problem. */
export function parseServiceSpec(raw: unknown, keyName?: string): ServiceSpec {
  const label =
    keyName ??
    (typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string'
      ? (raw as { name: string }).name
      : '?');
  const result = rawService.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message,
    );
    throw new InvalidServiceSpecError(label, problems);
  }
  const s = result.data;
  const problems: string[] = [];
  if (keyName !== undefined && s.name !== keyName) {
    problems.push(`name ${JSON.stringify(s.name)} does not match its key ${JSON.stringify(keyName)}`);
  }
  const backends = s.backends.map((b) => ({ ...b, address: ipaddr.parse(b.address).toString() }));
  const sorry = s.sorry && { ...s.sorry, address: ipaddr.parse(s.sorry.address).toString() };
  const seen = new Set<string>();
  for (const b of backends) {
    const text = targetText(b);
    if (seen.has(text)) problems.push(`backends: ${text} given twice`);
    seen.add(text);
    if (s.mode === 'dr' && b.port !== s.port) {
      problems.push(`backends: ${text}: in dr mode a backend's port must be the service port ${s.port}`);
    }
  }
  const families = new Set([...backends, ...(sorry ? [sorry] : [])].map((t) => familyOf(t.address)));
  if (families.size > 1) problems.push('backends and sorry: mix IPv4 and IPv6; use one family');
  if (s.quorum > backends.length) {
    problems.push(`quorum: ${s.quorum} is more than the ${backends.length} backends`);
  }
  if (s.mode === 'dr' && s.snat) problems.push('snat: only in nat mode (dr never rewrites addresses)');
  const c = s.check;
  if (c.type === 'exec' && c.argv === undefined) problems.push('check.argv: required for an exec check');
  if (c.type !== 'exec' && c.argv !== undefined) problems.push('check.argv: only for an exec check');
  if (c.type !== 'http') {
    for (const f of ['path', 'expectStatus', 'expectBody'] as const) {
      if (c[f] !== undefined) problems.push(`check.${f}: only for an http check`);
    }
  }
  const timeoutMs = c.timeoutMs ?? Math.min(1000, c.intervalMs);
  if (timeoutMs > c.intervalMs) {
    problems.push(`check.timeoutMs: ${timeoutMs} is longer than intervalMs (${c.intervalMs})`);
  }
  if (problems.length) throw new InvalidServiceSpecError(label, problems);
  const [family] = families;
  return {
    name: s.name,
    vip: s.vip,
    protocol: s.protocol,
    port: s.port,
    scheduler: s.scheduler,
    mode: s.mode,
    snat: s.snat,
    backends,
    check: { ...c, timeoutMs },
    ...(sorry && { sorry }),
    quorum: s.quorum,
    ...(family !== undefined && { family }),
  };
}

export function parseServiceSpecJson(text: string, keyName?: string): ServiceSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InvalidServiceSpecError(keyName ?? '?', [`not JSON: ${(err as Error).message}`]);
  }
  return parseServiceSpec(raw, keyName);
}

/** The service as stored: the inverse of parseServiceSpec. */
export function serializeServiceSpec(spec: ServiceSpec): string {
  const { family: _family, ...rest } = spec;
  return JSON.stringify(rest);
}

/**
 * What a service needs of its VIP, problems as one line each (empty: fine): the VIP exists and
 * its family is the backends'. The coordinator refuses a write with them; vipd skips the service.
 */
export function serviceVipProblems(spec: ServiceSpec, vip: VipSpec | undefined): string[] {
  if (vip === undefined) return [`vip ${spec.vip} does not exist`];
  if (spec.family !== undefined && spec.family !== vip.family) {
    return [`vip ${spec.vip} is IPv${vip.family} but the backends are IPv${spec.family}`];
  }
  return [];
}

/**
 * One service write: services/<name> created if absent or replaced only if unchanged since read
 * (`guard`), and only while vips/<vip> is unchanged since the caller checked the service against
 * it (`vipModRevision`): a VIP deleted or changed meanwhile fails it, and the caller reads again.
 */
export function writeServiceSpecTxn(
  keys: Keys,
  spec: ServiceSpec,
  guard: { create: true } | { modRevision: string },
  vipModRevision: string,
): ITxnRequest {
  const key = Buffer.from(keys.service(spec.name));
  return {
    compare: [
      'create' in guard
        ? { key, target: 'Create', result: 'Equal', create_revision: 0 }
        : { key, target: 'Mod', result: 'Equal', mod_revision: guard.modRevision },
      { key: Buffer.from(keys.vip(spec.vip)), target: 'Mod', result: 'Equal', mod_revision: vipModRevision },
    ],
    success: [{ request_put: { key, value: Buffer.from(serializeServiceSpec(spec)) } }],
    failure: [],
  };
}

export async function writeServiceSpec(
  client: Etcd3,
  keys: Keys,
  spec: ServiceSpec,
  guard: { create: true } | { modRevision: string },
  vipModRevision: string,
): Promise<{ written: true; revision: string } | { written: false }> {
  try {
    const res = await client.kv.txn(writeServiceSpecTxn(keys, spec, guard, vipModRevision));
    return res.succeeded ? { written: true, revision: String(res.header.revision) } : { written: false };
  } catch (err) {
    throw fromEtcdError(`write service ${spec.name}`, err);
  }
}

/** Deletes services/<name>; `deleted` false when it was not there. */
export async function deleteServiceSpec(
  client: Etcd3,
  keys: Keys,
  name: string,
): Promise<{ deleted: true; revision: string } | { deleted: false }> {
  try {
    const res = await client.kv.deleteRange({ key: Buffer.from(keys.service(name)) });
    return Number(res.deleted) === 0
      ? { deleted: false }
      : { deleted: true, revision: String(res.header.revision) };
  } catch (err) {
    throw fromEtcdError(`delete service ${name}`, err);
  }
}
