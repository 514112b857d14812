/**
 * Runs a `service` command against the coordinator and renders its answer (-o json: stable
 * documents for scripts; table: for people). Changes to an existing service are read, changed
 * and written back with the revision read, so a concurrent change is a conflict, never lost.
 */
import type {
  Service__Output,
  ServiceBackend,
  ServiceCheck,
  ServiceSpec,
  ServiceSpec__Output,
} from '@vipd/proto';
import type { AdminClient } from './client';
import { CliError } from './errors';
import type { BackendArg, ServiceChanges, ServiceCommand } from './service-commands';
import { alignPairs, alignTable } from './table';

export interface ServiceRunContext {
  client: AdminClient;
  /** The json/yaml shape or the text, as -o asks. */
  render(value: unknown, text: string): string;
  deadlineMs: number;
  write(text: string): void;
}

const target = (b: { address: string; port: number }) =>
  b.address.includes(':') ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`;
const same = (a: { address: string; port: number }, b: { address: string; port: number }) =>
  target(a).toLowerCase() === target(b).toLowerCase();

function backendMsg(b: BackendArg): ServiceBackend {
  return { address: b.address, port: b.port, weight: b.weight ?? 1, weight_set: true };
}

/** The check after `changes`: a new type drops the fields only the old type had. */
function mergeCheck(
  current: ServiceCheck | null | undefined,
  change: ServiceCheck | undefined,
): ServiceCheck {
  const base: ServiceCheck = { ...(current ?? {}) };
  if (base.type && change?.type !== undefined && change.type !== base.type) {
    base.path = '';
    base.expect_status = 0;
    base.expect_body = '';
    base.argv = [];
  }
  const merged = { ...base, ...change };
  // The stored timeout is often the default min(1000, interval): a shorter interval takes it along.
  const timeout = merged.timeout_ms ?? 0;
  if (change?.timeout_ms === undefined && change?.interval_ms !== undefined && timeout > change.interval_ms) {
    merged.timeout_ms = 0;
  }
  return merged;
}

/** The spec as a request: `current` (or nothing) with the changes applied. */
export function applyServiceChanges(
  name: string,
  current: ServiceSpec__Output | undefined,
  changes: ServiceChanges,
): ServiceSpec {
  const { backends, check, ...rest } = changes;
  return {
    ...(current ?? {}),
    name,
    ...rest,
    backends: backends ? backends.map(backendMsg) : (current?.backends ?? []),
    check: mergeCheck(current?.check, check),
  };
}

export function serviceJson(s: Service__Output) {
  const spec = s.spec;
  return {
    name: spec?.name ?? '',
    spec: spec && {
      ...spec,
      backends: spec.backends.map((b) => ({ address: b.address, port: b.port, weight: b.weight })),
    },
    revision: s.revision,
    holder: s.holder,
    serving: s.serving,
    reported_by: s.reported_by,
    backends: s.backends.map((b) => ({
      target: b.target,
      weight: b.weight,
      health: b.health,
      detail: b.detail,
    })),
  };
}

const dash = (text: string | undefined) => (text ? text : '-');

function checkText(c: ServiceCheck | null): string {
  if (!c || !c.type) return '-';
  const what =
    c.type === 'http'
      ? `http ${c.path}${c.expect_status ? ` ${c.expect_status}` : ''}${c.expect_body ? ` body~${JSON.stringify(c.expect_body)}` : ''}`
      : c.type === 'exec'
        ? `exec ${(c.argv ?? []).join(' ')}`
        : c.type;
  if (c.type === 'none') return 'none';
  return `${what} every ${c.interval_ms} ms, timeout ${c.timeout_ms} ms, rise ${c.rise}, fall ${c.fall}`;
}

export function servicesTable(services: Service__Output[]): string {
  const rows = services.map((s) => {
    const spec = s.spec!;
    const up = s.backends.filter((b) => b.health === 'up').length;
    return [
      spec.name,
      spec.vip,
      `${spec.protocol}/${spec.port}`,
      spec.scheduler,
      spec.mode + (spec.snat ? '+snat' : ''),
      `${up}/${s.backends.length} up`,
      dash(s.serving),
      dash(s.holder),
    ];
  });
  return alignTable(['NAME', 'VIP', 'PORT', 'SCHED', 'MODE', 'BACKENDS', 'SERVING', 'DIRECTOR'], rows);
}

export function serviceDetail(s: Service__Output): string {
  const spec = s.spec!;
  const head = alignPairs([
    ['name', spec.name],
    ['vip', spec.vip],
    ['port', `${spec.protocol}/${spec.port}`],
    ['scheduler', spec.scheduler],
    ['mode', spec.mode + (spec.snat ? ' (snat)' : '')],
    ['check', checkText(spec.check)],
    ['sorry', dash(spec.sorry)],
    ['quorum', spec.quorum ? String(spec.quorum) : 'off'],
    ['revision', s.revision],
    ['director', dash(s.holder)],
    ['serving', dash(s.serving)],
  ]);
  const rows = s.backends.map((b) => [
    b.target,
    String(b.weight),
    b.health,
    b.connections < 0 ? '-' : String(b.connections),
    dash(b.detail),
  ]);
  return `${head}\n${alignTable(['BACKEND', 'WEIGHT', 'HEALTH', 'CONNS', 'LAST CHECK'], rows)}`;
}

export async function runServiceCommand(command: ServiceCommand, ctx: ServiceRunContext): Promise<void> {
  const { client, deadlineMs: deadline } = ctx;
  const show = (value: unknown, text: string) => ctx.write(ctx.render(value, text));
  const update = async (name: string, change: (spec: ServiceSpec__Output) => ServiceSpec, verb: string) => {
    const current = await client.call('GetService', { name }, deadline);
    if (!current.spec) throw new CliError(`the coordinator returned ${name} without a spec`);
    const request = { spec: change(current.spec), expected_revision: current.revision };
    const updated = await client.call('UpdateService', request, deadline);
    show(serviceJson(updated), `${verb}\n${serviceDetail(updated)}`);
  };
  switch (command.kind) {
    case 'service-add': {
      const spec = applyServiceChanges(command.name, undefined, command.changes);
      const created = await client.call('CreateService', { spec }, deadline);
      return show(serviceJson(created), `created ${command.name}\n${serviceDetail(created)}`);
    }
    case 'service-set':
      return update(
        command.name,
        (spec) => applyServiceChanges(command.name, spec, command.changes),
        `updated ${command.name}`,
      );
    case 'service-list': {
      const { services } = await client.call('ListServices', {}, deadline);
      return show({ services: services.map(serviceJson) }, servicesTable(services));
    }
    case 'service-get': {
      const s = await client.call('GetService', { name: command.name }, deadline);
      return show(serviceJson(s), serviceDetail(s));
    }
    case 'service-rm':
      await client.call('DeleteService', { name: command.name }, deadline);
      return show({ name: command.name, deleted: true }, `deleted ${command.name}\n`);
    case 'service-backend': {
      const { action, name, backend } = command;
      const shown = target(backend);
      return update(
        name,
        (spec) => {
          const found = spec.backends.find((b) => same(b, backend));
          if (action === 'add') {
            if (found) {
              throw new CliError(
                `backend ${shown} is already in service ${name} (weight ${found.weight}); change it with "service backend weight"`,
              );
            }
            return { ...spec, backends: [...spec.backends, backendMsg(backend)] };
          }
          if (!found) throw new CliError(`backend ${shown} is not in service ${name}`);
          if (action === 'rm') return { ...spec, backends: spec.backends.filter((b) => b !== found) };
          const weight = action === 'drain' ? 0 : backend.weight!;
          const backends = spec.backends.map((b) => (b === found ? { ...b, weight, weight_set: true } : b));
          return { ...spec, backends };
        },
        action === 'drain'
          ? `drained ${shown} in ${name} (weight 0: no new connections; established ones finish)`
          : `${action === 'add' ? 'added' : action === 'rm' ? 'removed' : 'reweighted'} ${shown} in ${name}`,
      );
    }
  }
}
