/** The vipd configuration: shape, defaults and pure validation. */
import { type CheckSpec, parseChecks } from '@vipd/checks';
import { z } from 'zod';
import { bgpProblems, bgpSchema } from './bgp';
import { etcdClientProblems, etcdClientSchema } from './etcd-client';
import { hostPort, logSchema, metricsListenProblem, metricsSchema, zodProblems } from './fields';
import { hooksSchema } from './hooks';
import { addressLifetimeSec, checkLeaseTimings } from './lease';
import { checkTimings, PROFILES, type TakeoverTimings, takeoverWaitMs } from './takeover';

/** Paths of a private CA, this node's certificate and its key (all three required). */
export const tlsFilesSchema = z
  .object({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) })
  .strict();

/** node.statusSocket's default. */
export const DEFAULT_STATUS_SOCKET = '/run/vipd/status.sock';

export const vipdConfigSchema = z
  .object({
    node: z
      .object({
        name: z
          .string()
          .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, 'letters, digits, ".", "_", "-"'),
        listen: hostPort.default('0.0.0.0:7400'),
        advertise: hostPort.optional(),
        labels: z.record(z.string()).default({}),
        drained: z.boolean().default(false),
        /** keepalived-style "down" file: while it exists the node holds no VIP. */
        maintenanceFile: z.string().min(1).optional(),
        /**
         * Unix socket of a kernel agent running as its own service (`vipd-agent --listen PATH`,
         * deploy/systemd/vipd-agent.service). Unset: vipd starts the agent as its child.
         */
        agentSocket: z.string().min(1).startsWith('/', 'an absolute path').optional(),
        /** Where `vipd status` reads the running daemon (status-socket.ts in services/vipd), mode 0600. */
        statusSocket: z.string().min(1).startsWith('/', 'an absolute path').default(DEFAULT_STATUS_SOCKET),
      })
      .strict(),
    cluster: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and "-"')
      .default('default'),
    etcd: etcdClientSchema({ callTimeoutMs: 1000 }),
    lease: z
      .object({
        ttlSeconds: z.number().int().min(2, 'etcd does not grant leases under 2 s').max(3600).default(3),
        renewIntervalMs: z.number().int().min(50).optional(),
        fenceMarginMs: z.number().int().min(100).optional(),
      })
      .strict()
      .default({}),
    heartbeat: z
      .object({
        /** Default: the takeover profile's (100 ms default, 20 ms fast). */
        intervalMs: z.number().int().min(10).max(60_000).optional(),
        suspectAfterMisses: z.number().int().min(2).max(100).optional(),
        /**
         * Mutual TLS on node.listen (heartbeats and grpc.health.v1) and on every outbound
         * heartbeat stream: peers must present a certificate from this private CA.
         */
        tls: tlsFilesSchema.optional(),
      })
      .strict()
      .default({}),
    /** Heartbeat-based takeover before the lease expires (docs/fast-takeover.md). */
    takeover: z
      .object({
        enabled: z.boolean().default(true),
        profile: z.enum(['default', 'fast']).default('default'),
        holderFenceMs: z.number().int().min(10).max(60_000).optional(),
        viewBoundMs: z.number().int().min(0).max(60_000).optional(),
        slackMs: z.number().int().min(0).max(60_000).optional(),
      })
      .strict()
      .default({}),
    /** Health checks a VIP spec can `track`; validated by @vipd/checks. */
    checks: z.array(z.unknown()).default([]),
    reconcile: z
      .object({
        intervalMs: z.number().int().min(100).max(60_000).default(1000),
        /** Each rank below the best waits this long before taking a vacant VIP. */
        acquireStepMs: z.number().int().min(0).max(60_000).default(300),
        /**
         * After start, a vacant VIP is left this long for better-priority nodes named in its
         * spec that have not registered yet, so a cold cluster does not flap.
         */
        startupGraceMs: z.number().int().min(0).max(600_000).default(1500),
        /** Planned release: the address stays until the successor holds it, at most this long. */
        handoverMaxMs: z
          .number()
          .int()
          .min(0)
          .max(100, 'at most 100 ms (the allowed handover overlap)')
          .default(100),
      })
      .strict()
      .default({}),
    /**
     * How vipd asks the kernel for the CPU. Its timing rests on getting it within a few
     * milliseconds when a beat is due, also on a host whose CPUs are saturated: `nice` applies
     * to every thread of vipd and to the kernel agent it starts (docs/scale.md, "A busy host").
     * 0 leaves the priority as started; a nice vipd cannot lower (not root) is logged.
     */
    scheduling: z
      .object({ nice: z.number().int().min(-20).max(19).default(-10) })
      .strict()
      .default({}),
    /** Commands run when this node's hold of a VIP changes (docs/hooks.md). */
    hooks: hooksSchema,
    /** BGP mode (docs/bgp.md): the gobgpd vipd starts, this node's AS, router id and peers. */
    bgp: bgpSchema.optional(),
    /** Prometheus GET /metrics (docs/metrics.md); off unless `listen` is set. */
    metrics: metricsSchema,
    log: logSchema,
  })
  .strict();

export type VipdConfigInput = z.input<typeof vipdConfigSchema>;
type Parsed = z.output<typeof vipdConfigSchema>;

/** The validated config, with every derived default filled in. */
export type VipdConfig = Omit<Parsed, 'checks' | 'heartbeat'> & {
  checks: CheckSpec[];
  heartbeat: {
    intervalMs: number;
    suspectAfterMisses: number;
    tls?: z.output<typeof tlsFilesSchema>;
  };
  /** Resolved takeover timings (profile plus overrides) and the derived wait W. */
  timings: TakeoverTimings & { waitMs: number; renewWhenAloneMs: number };
  node: Parsed['node'] & { advertise: string };
  lease: Parsed['lease'] & { renewIntervalMs: number; fenceMarginMs: number; addressLifetimeSec: number };
};

/** Pure: shape, defaults and cross-field rules. Returns the config or the list of problems. */
export function validateVipdConfig(raw: unknown): { config: VipdConfig } | { problems: string[] } {
  const res = vipdConfigSchema.safeParse(raw);
  if (!res.success) {
    return { problems: zodProblems(res.error) };
  }
  const c = res.data;
  const problems: string[] = [];
  const ttlMs = c.lease.ttlSeconds * 1000;
  const renewIntervalMs = c.lease.renewIntervalMs ?? Math.round(ttlMs / 4);
  const fenceMarginMs = c.lease.fenceMarginMs ?? Math.round(ttlMs / 4);
  // The kernel lifetime of a VIP ends no later than the fence: a killed daemon's VIP
  // disappears by itself before its lease can expire in etcd.
  const lifetimeSec = addressLifetimeSec(ttlMs, fenceMarginMs);
  problems.push(
    ...checkLeaseTimings({
      ttlMs,
      renewIntervalMs,
      fenceMarginMs,
      callTimeoutMs: c.etcd.callTimeoutMs,
      addressLifetimeSec: lifetimeSec,
    }),
  );
  problems.push(...etcdClientProblems(c.etcd));
  problems.push(...bgpProblems(c.bgp));
  problems.push(...metricsListenProblem(c.metrics.listen, c.node.listen, 'node.listen'));
  const base = PROFILES[c.takeover.profile];
  const timings: TakeoverTimings = {
    intervalMs: c.heartbeat.intervalMs ?? base.intervalMs,
    suspectAfterMisses: c.heartbeat.suspectAfterMisses ?? base.suspectAfterMisses,
    holderFenceMs: c.takeover.holderFenceMs ?? base.holderFenceMs,
    viewBoundMs: c.takeover.viewBoundMs ?? base.viewBoundMs,
    slackMs: c.takeover.slackMs ?? base.slackMs,
  };
  const renewWhenAloneMs = Math.max(10, Math.floor(timings.holderFenceMs / 2));
  if (c.takeover.enabled) {
    const waitMs = takeoverWaitMs(timings);
    for (const p of checkTimings(timings, renewWhenAloneMs, waitMs)) problems.push(`takeover: ${p}`);
  }
  let checks: CheckSpec[] = [];
  try {
    checks = parseChecks(c.checks);
  } catch (err) {
    problems.push((err as Error).message);
  }
  let advertise = c.node.advertise;
  if (advertise === undefined) {
    if (/^(0\.0\.0\.0|\[::\]):/.test(c.node.listen)) {
      problems.push('node.advertise: required when node.listen is a wildcard address');
    }
    advertise = c.node.listen;
  }
  if (problems.length) return { problems };
  return {
    config: {
      ...c,
      checks,
      heartbeat: {
        intervalMs: timings.intervalMs,
        suspectAfterMisses: timings.suspectAfterMisses,
        ...(c.heartbeat.tls ? { tls: c.heartbeat.tls } : {}),
      },
      timings: { ...timings, waitMs: takeoverWaitMs(timings), renewWhenAloneMs },
      node: { ...c.node, advertise },
      lease: { ...c.lease, renewIntervalMs, fenceMarginMs, addressLifetimeSec: lifetimeSec },
    },
  };
}
