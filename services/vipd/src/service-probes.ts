/**
 * Health checks of the virtual services' backends (@vipd/checks), one runner per backend of each
 * service this node may direct, kept across spec changes that do not change that backend's check
 * (a weight change, another backend added), so its rise/fall counts survive. Run on every node
 * eligible for the service's VIP, holder or not: a director that takes over already knows which
 * backends are down.
 */
import { EventEmitter } from 'node:events';
import { type CheckSpec, CheckRunner, type CheckState, parseChecks } from '@vipd/checks';
import { errorLine, type Logger } from '@vipd/log';
import { type ServiceSpec, targetText } from '@vipd/store';

const CHECK = 'backend';

/** The check of one backend as @vipd/checks runs it; undefined for `none` (always healthy). */
export function backendCheck(
  service: ServiceSpec,
  backend: { address: string; port: number },
): CheckSpec | undefined {
  const c = service.check;
  if (c.type === 'none') return undefined;
  const common = {
    name: CHECK,
    intervalMs: c.intervalMs,
    timeoutMs: c.timeoutMs,
    rise: c.rise,
    fall: c.fall,
  };
  const port = c.port ?? backend.port;
  const host = backend.address.includes(':') ? `[${backend.address}]` : backend.address;
  let raw: unknown;
  if (c.type === 'tcp') raw = { ...common, type: 'tcp', target: `${host}:${port}` };
  else if (c.type === 'http') {
    raw = {
      ...common,
      type: 'http',
      url: `http://${host}:${port}${c.path ?? '/'}`,
      ...(c.expectStatus !== undefined && { expectStatus: c.expectStatus }),
      ...(c.expectBody !== undefined && { expectBody: c.expectBody }),
    };
  } else {
    raw = {
      ...common,
      type: 'exec',
      argv: c.argv,
      env: {
        VIPD_SERVICE: service.name,
        VIPD_BACKEND_ADDRESS: backend.address,
        VIPD_BACKEND_PORT: String(backend.port),
      },
    };
  }
  return parseChecks([raw])[0];
}

interface Probe {
  /** The check's identity: a change of it starts a fresh runner. */
  key: string;
  runner?: CheckRunner;
}

export interface BackendHealthView {
  health: CheckState;
  detail: string;
}

export interface BackendProbesEvents {
  /** A backend's health changed (service, ADDR:PORT). */
  change: [service: string, target: string];
  /** Every check result: ok, and how long the probe took. */
  result: [service: string, target: string, ok: boolean, ms: number];
}

export class BackendProbes extends EventEmitter<BackendProbesEvents> {
  private readonly probes = new Map<string, Probe>();

  constructor(private readonly log: Logger) {
    super();
  }

  private static id(service: string, target: string): string {
    return `${service} ${target}`;
  }

  /** Runs exactly the checks of `services` (each backend once), stopping the rest. */
  sync(services: Iterable<ServiceSpec>): void {
    const wanted = new Map<string, { service: ServiceSpec; backend: ServiceSpec['backends'][number] }>();
    for (const service of services) {
      for (const backend of service.backends) {
        wanted.set(BackendProbes.id(service.name, targetText(backend)), { service, backend });
      }
    }
    for (const [id, probe] of this.probes) {
      if (!wanted.has(id)) {
        this.probes.delete(id);
        void probe.runner?.stop();
      }
    }
    for (const [id, { service, backend }] of wanted) {
      let spec: CheckSpec | undefined;
      try {
        spec = backendCheck(service, backend);
      } catch (err) {
        this.log.error(
          { service: service.name, err: errorLine(err) },
          'backend check not runnable; backend counts as healthy',
        );
      }
      const key = JSON.stringify(spec ?? null);
      const old = this.probes.get(id);
      if (old?.key === key) continue;
      void old?.runner?.stop();
      const probe: Probe = { key };
      if (spec) {
        const target = targetText(backend);
        const runner = new CheckRunner([spec], { log: this.log });
        runner.on('change', (_name, state, detail) => {
          this.log.info(
            { service: service.name, backend: target, state, reason: detail.reason },
            `backend ${state}`,
          );
          this.emit('change', service.name, target);
        });
        runner.on('result', (_name, r) => this.emit('result', service.name, target, r.ok, r.ms));
        runner.start();
        probe.runner = runner;
      }
      this.probes.set(id, probe);
    }
  }

  /** A backend's health: `up` for a check of type none, `unknown` before its first verdict. */
  health(service: string, target: string): BackendHealthView {
    const probe = this.probes.get(BackendProbes.id(service, target));
    if (!probe) return { health: 'unknown', detail: '' };
    if (!probe.runner) return { health: 'up', detail: 'no check' };
    const last = probe.runner.results(CHECK);
    return { health: probe.runner.state(CHECK), detail: last?.message ?? '' };
  }

  async stop(): Promise<void> {
    const runners = [...this.probes.values()].flatMap((p) => (p.runner ? [p.runner] : []));
    this.probes.clear();
    await Promise.all(runners.map((r) => r.stop()));
  }
}
