/**
 * Pure conversions between admin.proto's ServiceSpec and the stored service spec, and the
 * answer's backend health. Field validation is @vipd/store's parseServiceSpec, the same code
 * vipd runs on read; proto3 cannot tell 0 or "" from unset, so those mean "the default".
 */
import {
  parseServiceSpec,
  parseTarget,
  type ServiceHealthRecord,
  type ServiceSpec,
  targetText,
} from '@vipd/store';
import type * as api from '@vipd/proto';
import { invalid } from './errors';

export function serviceFromMsg(msg: api.ServiceSpec | null | undefined): ServiceSpec {
  if (!msg) throw invalid('spec: required');
  const raw: Record<string, unknown> = {
    name: msg.name ?? '',
    vip: msg.vip ?? '',
    port: msg.port ?? 0,
    backends: (msg.backends ?? []).map((b) => ({
      address: b.address ?? '',
      port: b.port ?? 0,
      ...(b.weight_set ? { weight: b.weight ?? 0 } : b.weight ? { weight: b.weight } : {}),
    })),
  };
  if (msg.protocol) raw.protocol = msg.protocol;
  if (msg.scheduler) raw.scheduler = msg.scheduler;
  if (msg.mode) raw.mode = msg.mode;
  if (msg.snat) raw.snat = true;
  if (msg.quorum) raw.quorum = msg.quorum;
  if (msg.sorry) {
    const t = parseTarget(msg.sorry);
    if ('problem' in t) throw invalid(`sorry: ${t.problem}`);
    raw.sorry = t;
  }
  const c = msg.check;
  if (c) {
    const check: Record<string, unknown> = {};
    if (c.type) check.type = c.type;
    if (c.interval_ms) check.intervalMs = c.interval_ms;
    if (c.timeout_ms) check.timeoutMs = c.timeout_ms;
    if (c.rise) check.rise = c.rise;
    if (c.fall) check.fall = c.fall;
    if (c.path) check.path = c.path;
    if (c.expect_status) check.expectStatus = c.expect_status;
    if (c.expect_body) check.expectBody = c.expect_body;
    if (c.port) check.port = c.port;
    if (c.argv && c.argv.length > 0) check.argv = c.argv;
    raw.check = check;
  }
  return parseServiceSpec(raw);
}

/** Stored spec → proto, every default spelled out. */
export function serviceToMsg(spec: ServiceSpec): api.ServiceSpec__Output {
  const c = spec.check;
  return {
    name: spec.name,
    vip: spec.vip,
    protocol: spec.protocol,
    port: spec.port,
    scheduler: spec.scheduler,
    mode: spec.mode,
    snat: spec.snat,
    backends: spec.backends.map((b) => ({
      address: b.address,
      port: b.port,
      weight: b.weight,
      weight_set: true,
    })),
    check: {
      type: c.type,
      interval_ms: c.intervalMs,
      timeout_ms: c.timeoutMs,
      rise: c.rise,
      fall: c.fall,
      path: c.path ?? (c.type === 'http' ? '/' : ''),
      expect_status: c.expectStatus ?? (c.type === 'http' ? 200 : 0),
      expect_body: c.expectBody ?? '',
      port: c.port ?? 0,
      argv: c.argv ?? [],
    },
    sorry: spec.sorry ? targetText(spec.sorry) : '',
    quorum: spec.quorum,
  };
}

/** Each backend of the spec with what the director reported of it (unknown when it has not). */
export function backendStatus(
  spec: ServiceSpec,
  health: ServiceHealthRecord | undefined,
): api.BackendStatus__Output[] {
  return spec.backends.map((b) => {
    const target = targetText(b);
    const seen = health?.backends[target];
    return {
      target,
      weight: b.weight,
      health: seen?.health ?? 'unknown',
      detail: seen?.detail ?? '',
      connections: seen?.connections ?? -1,
    };
  });
}
