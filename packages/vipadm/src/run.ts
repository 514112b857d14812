/**
 * Runs one parsed command against the coordinator and renders its answer. Rendering is
 * the pure functions of json.ts and table.ts; this file only sequences calls.
 */
import type { Event__Output } from '@vipd/proto';
import type { GlobalOptions } from './args';
import type { AdminClient } from './client';
import type { Command } from './commands';
import { CliError } from './errors';
import * as json from './json';
import { isServiceCommand } from './service-commands';
import { runServiceCommand } from './service-run';
import { applyChanges, specInput } from './spec';
import * as table from './table';

/** Extra deadline for `vip move` beyond the time the coordinator is told to wait. */
export const MOVE_DEADLINE_MARGIN_MS = 5_000;

export interface RunContext {
  global: GlobalOptions;
  client: AdminClient;
  write(text: string): void;
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
  const asJson = global.output === 'json';
  const deadline = global.callTimeoutMs;
  const show = (value: unknown, text: string) => ctx.write(asJson ? json.renderJson(value) : text);
  if (isServiceCommand(command)) {
    return runServiceCommand(command, { client, asJson, deadlineMs: deadline, write: ctx.write });
  }

  switch (command.kind) {
    case 'vip-add': {
      const vip = await client.call('CreateVip', { spec: command.spec }, deadline);
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
      return show(json.vipsJson(vips), table.vipsTable(vips));
    }
    case 'vip-get': {
      const vip = await client.call('GetVip', { name: command.name }, deadline);
      return show(json.vipJson(vip), table.vipDetail(vip));
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
    case 'node-list': {
      const { nodes } = await client.call('ListNodes', {}, deadline);
      return show(json.nodesJson(nodes), table.nodesTable(nodes));
    }
    case 'node-drain':
    case 'node-undrain': {
      const drain = command.kind === 'node-drain';
      const node = await client.call(drain ? 'DrainNode' : 'UndrainNode', { name: command.name }, deadline);
      return show(json.nodeJson(node), table.drainText(node, drain));
    }
    case 'status': {
      const status = await client.call('GetStatus', {}, deadline);
      return show(json.statusJson(status), table.statusText(status));
    }
    case 'watch': {
      const { vip, node } = command;
      const stream = client.watch((event: Event__Output) => {
        if (vip !== undefined && event.vip !== vip) return;
        if (node !== undefined && event.node !== node) return;
        ctx.write(asJson ? json.renderJsonLine(json.eventJson(event)) : table.eventLine(event));
      });
      void ctx.interrupted.then(() => stream.stop());
      return stream.done;
    }
    case 'help':
    case 'version':
      throw new Error(`${command.kind} is handled before connecting`);
  }
}
