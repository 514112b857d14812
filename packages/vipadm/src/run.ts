/**
 * Runs one parsed command against the coordinator and renders its answer. Rendering is
 * the pure functions of json.ts and table.ts; this file only sequences calls.
 */
import type { Event__Output, Vip__Output } from '@vipd/proto';
import type { GlobalOptions } from './args';
import type { AdminClient } from './client';
import type { Command } from './commands';
import { readFileSync } from 'node:fs';
import { stringify as yaml } from 'yaml';
import { type FileSpec, fromStored, parseApplyDocument, renderExport, toRequest } from './apply-file';
import { type ServiceFileSpec, serviceFromStored, serviceToRequest } from './apply-services';
import { makePlan, type Plan, planJson, planText } from './apply-plan';
import { CliError, UsageError } from './errors';
import * as json from './json';
import { isPoolCommand } from './pool-commands';
import { runPoolCommand } from './pool-run';
import { isServiceCommand } from './service-commands';
import { runServiceCommand } from './service-run';
import { applyChanges, specInput } from './spec';
import * as table from './table';
import { explainJson, explainText } from './explain';
import { followEvents } from './watch';

/** Extra deadline for `vip move` beyond the time the coordinator is told to wait. */
export const MOVE_DEADLINE_MARGIN_MS = 5_000;

export interface RunContext {
  global: GlobalOptions;
  client: AdminClient;
  write(text: string): void;
  /** A line for stderr that is not an error (watch: connection lost, back). */
  notice(text: string): void;
  /** Resolves when the operator interrupts (SIGINT/SIGTERM); ends `watch`. */
  interrupted: Promise<void>;
}

export async function runCommand(command: Command, ctx: RunContext): Promise<void> {
  if (command.kind === 'watch') return execute(command, ctx);
  const interrupted = ctx.interrupted.then(() => {
    throw new CliError('interrupted; the request may still take effect');
  });
  return Promise.race([execute(command, ctx), interrupted]);
}

async function execute(command: Command, ctx: RunContext): Promise<void> {
  const { client, global } = ctx;
  const deadline = global.callTimeoutMs;
  const wide = global.output === 'wide';
  /** The json shape for -o json and -o yaml, the text for -o table and -o wide. */
  const show = (value: unknown, text: string) => ctx.write(render(global.output, value, text));
  if (isServiceCommand(command)) {
    const serviceRender = (value: unknown, text: string) => render(global.output, value, text);
    return runServiceCommand(command, {
      client,
      render: serviceRender,
      deadlineMs: deadline,
      write: ctx.write,
    });
  }

  if (isPoolCommand(command)) {
    return runPoolCommand(command, {
      client,
      render: (value, text) => render(global.output, value, text),
      deadlineMs: deadline,
      write: ctx.write,
    });
  }

  switch (command.kind) {
    case 'vip-add': {
      const request = {
        spec: command.spec,
        ...(command.pool !== undefined && { pool: command.pool, pool_family: command.family ?? '' }),
      };
      const vip = await client.call('CreateVip', request, deadline);
      return show(json.vipJson(vip), `created ${command.spec.name}\n${table.vipDetail(vip)}`);
    }
    case 'vip-set': {
      const current = await client.call('GetVip', { name: command.name }, deadline);
      if (!current.spec) throw new CliError(`the coordinator returned ${command.name} without a spec`);
      const spec = applyChanges(specInput(current.spec), command.changes);
      const request = { spec, expected_revision: current.revision };
      const vip = await client.call('UpdateVip', request, deadline);
      return show(json.vipJson(vip), `updated ${command.name}\n${table.vipDetail(vip)}`);
    }
    case 'vip-list': {
      const { vips } = await client.call('ListVips', {}, deadline);
      return show(json.vipsJson(vips), table.vipsTable(vips, wide));
    }
    case 'vip-get': {
      const vip = await client.call('GetVip', { name: command.name }, deadline);
      if (global.output === 'json' || global.output === 'yaml') {
        // The Vip as before, then the candidates and the verdict (added fields).
        const nodes = await client.call('ListNodes', {}, deadline).then(
          (r) => r.nodes,
          () => undefined,
        );
        return show({ ...json.vipJson(vip), ...explainJson(vip, nodes) }, '');
      }
      return ctx.write(table.vipDetail(vip) + (await candidatesText(client, vip, deadline)));
    }
    case 'vip-rm': {
      await client.call('DeleteVip', { name: command.name }, deadline);
      return show(json.removedJson(command.name), `deleted ${command.name}\n`);
    }
    case 'vip-move': {
      const request = { name: command.name, to: command.to, timeout_ms: command.timeoutMs };
      const moved = await client.call('MoveVip', request, command.timeoutMs + MOVE_DEADLINE_MARGIN_MS);
      return show(json.moveJson(moved), table.moveText(command.name, command.to, moved));
    }
    case 'vip-unpin': {
      const res = await client.call('UnpinVip', { name: command.name }, deadline);
      return show(json.unpinJson(command.name, res), table.unpinText(command.name, res));
    }
    case 'node-list': {
      const { nodes } = await client.call('ListNodes', {}, deadline);
      return show(json.nodesJson(nodes), table.nodesTable(nodes, wide));
    }
    case 'node-drain':
    case 'node-undrain': {
      const drain = command.kind === 'node-drain';
      const node = await client.call(drain ? 'DrainNode' : 'UndrainNode', { name: command.name }, deadline);
      return show(json.nodeJson(node), table.drainText(node, drain));
    }
    case 'status': {
      const status = await client.call('GetStatus', {}, deadline);
      show(json.statusJson(status), table.statusText(status, wide));
      const unknown = json.statusUnknown(status);
      if (unknown.length > 0) {
        throw new CliError(`the coordinator could not read etcd: ${unknown.join(' and ')} unknown`);
      }
      return;
    }
    case 'watch': {
      const { vip, node } = command;
      return followEvents(client, {
        server: global.server,
        interrupted: ctx.interrupted,
        notice: ctx.notice,
        onEvent: (event: Event__Output) => {
          if (vip !== undefined && event.vip !== vip) return;
          if (node !== undefined && event.node !== node) return;
          ctx.write(eventText(global.output, event));
        },
      });
    }
    case 'export': {
      const { vips } = await client.call('ListVips', {}, deadline);
      const specs = vips.flatMap((v) => (v.spec ? [fromStored(v.spec)!] : []));
      const listed = await client.call('ListServices', {}, deadline);
      const services = listed.services.flatMap((s) => (s.spec ? [serviceFromStored(s.spec)] : []));
      if (global.output === 'json') return ctx.write(json.renderJson({ vips: specs, services }));
      const { cluster } = await client.call('GetStatus', {}, deadline);
      return ctx.write(renderExport(specs, cluster, services));
    }
    case 'apply': {
      const wanted = parseApplyDocument(
        readApplyFile(command.file),
        command.file === '-' ? 'stdin' : command.file,
      );
      const { vips } = await client.call('ListVips', {}, deadline);
      // A file without `services:` leaves the services alone: they are not even read.
      const services = wanted.services ? (await client.call('ListServices', {}, deadline)).services : [];
      const plan = makePlan(wanted.vips, vips, command.prune, wanted.services, services);
      if (!command.dryRun) await carryOut(plan, client, deadline);
      return show(planJson(plan, command.dryRun), planText(plan, command.dryRun));
    }
    case 'help':
    case 'version':
    case 'completion':
    case 'import-keepalived':
    case 'config-view':
      throw new Error(`${command.kind} is handled before connecting`);
  }
}

/** One command's answer in the chosen format. */
export function render(output: GlobalOptions['output'], value: unknown, text: string): string {
  if (output === 'json') return json.renderJson(value);
  if (output === 'yaml') return yaml(value, { lineWidth: 0 });
  return text;
}

/** One watch event: a line (table, wide with its revision, json) or a YAML document. */
export function eventText(output: GlobalOptions['output'], event: Event__Output): string {
  if (output === 'json') return json.renderJsonLine(json.eventJson(event));
  if (output === 'yaml') return `---\n${yaml(json.eventJson(event), { lineWidth: 0 })}`;
  return table.eventLine(event, output === 'wide');
}

function readApplyFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read -f ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

type Step = [string, () => Promise<unknown>];

/**
 * VIPs first (updated, created), then services (updated, created, and with --prune deleted), then
 * with --prune the VIPs to delete: a service is written once its VIP exists, and goes before it.
 * Stops at the first refusal, saying how far it got.
 */
async function carryOut(plan: Plan, client: AdminClient, deadline: number): Promise<void> {
  const svc = plan.services;
  const steps: Step[] = [
    ...plan.update.map((u): Step => [
      `update ${u.name}`,
      () => client.call('UpdateVip', { spec: toRequest(u.spec), expected_revision: u.revision }, deadline),
    ]),
    ...plan.create.map((s: FileSpec): Step => [
      `create ${s.name}`,
      () => client.call('CreateVip', { spec: toRequest(s) }, deadline),
    ]),
    ...(svc?.update ?? []).map((u): Step => [
      `update service ${u.name}`,
      () =>
        client.call(
          'UpdateService',
          { spec: serviceToRequest(u.spec), expected_revision: u.revision },
          deadline,
        ),
    ]),
    ...(svc?.create ?? []).map((s: ServiceFileSpec): Step => [
      `create service ${s.name}`,
      () => client.call('CreateService', { spec: serviceToRequest(s) }, deadline),
    ]),
    ...(plan.prune ? (svc?.remove ?? []) : []).map((n): Step => [
      `delete service ${n}`,
      () => client.call('DeleteService', { name: n }, deadline),
    ]),
    ...(plan.prune ? plan.remove : []).map((n): Step => [
      `delete ${n}`,
      () => client.call('DeleteVip', { name: n }, deadline),
    ]),
  ];
  for (const [i, [what, step]] of steps.entries()) {
    try {
      await step();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new CliError(`applied ${i} of ${steps.length} changes; ${what} failed: ${why}`);
    }
  }
}

/** `vip get`'s candidates and verdict; a failed node list is said, not fatal (the VIP is shown). */
async function candidatesText(client: AdminClient, vip: Vip__Output, deadline: number): Promise<string> {
  try {
    const { nodes } = await client.call('ListNodes', {}, deadline);
    return explainText(vip, nodes);
  } catch (err) {
    return `\nCANDIDATES: unknown (${err instanceof Error ? err.message : String(err)})\n`;
  }
}
