/**
 * Runs a `pool` command against the coordinator and renders its answer (-o json: stable
 * documents for scripts; table: for people).
 */
import type { Pool__Output } from '@vipd/proto';
import type { AdminClient } from './client';
import type { PoolCommand } from './pool-commands';
import { alignPairs, alignTable } from './table';

export function poolJson(p: Pool__Output) {
  return {
    name: p.spec?.name ?? '',
    addresses: p.spec?.addresses ?? [],
    vip_prefix_v4: p.spec?.vip_prefix_v4 ?? 32,
    vip_prefix_v6: p.spec?.vip_prefix_v6 ?? 128,
    revision: p.revision,
    size: p.size,
    vips: p.vips,
    next: p.next,
  };
}

export function poolsTable(pools: Pool__Output[]): string {
  if (pools.length === 0) return 'no pools\n';
  const rows = pools.map((p) => {
    const j = poolJson(p);
    return [j.name, j.addresses.join(','), j.size, String(j.vips.length), j.next || 'full'];
  });
  return alignTable(['NAME', 'ADDRESSES', 'SIZE', 'USED', 'NEXT'], rows);
}

export function poolDetail(p: Pool__Output): string {
  const j = poolJson(p);
  return alignPairs([
    ['name', j.name],
    ['addresses', j.addresses.join(', ')],
    ['vip prefix', `ipv4 /${j.vip_prefix_v4}, ipv6 /${j.vip_prefix_v6}`],
    ['size', j.size],
    ['vips', j.vips.length > 0 ? j.vips.join(', ') : '-'],
    ['next', j.next || 'none (full)'],
    ['revision', j.revision],
  ]);
}

export interface PoolRunContext {
  client: AdminClient;
  render(value: unknown, text: string): string;
  deadlineMs: number;
  write(text: string): void;
}

export async function runPoolCommand(command: PoolCommand, ctx: PoolRunContext): Promise<void> {
  const { client, deadlineMs: deadline } = ctx;
  const show = (value: unknown, text: string) => ctx.write(ctx.render(value, text));
  switch (command.kind) {
    case 'pool-add': {
      const spec = {
        name: command.name,
        addresses: command.addresses,
        vip_prefix_v4: command.prefix4,
        vip_prefix_v6: command.prefix6,
      };
      const pool = await client.call('CreatePool', { spec }, deadline);
      return show(poolJson(pool), `created pool ${command.name}\n${poolDetail(pool)}`);
    }
    case 'pool-list': {
      const { pools } = await client.call('ListPools', {}, deadline);
      return show({ pools: pools.map(poolJson) }, poolsTable(pools));
    }
    case 'pool-get': {
      const pool = await client.call('GetPool', { name: command.name }, deadline);
      return show(poolJson(pool), poolDetail(pool));
    }
    case 'pool-rm': {
      await client.call('DeletePool', { name: command.name }, deadline);
      return show({ name: command.name, deleted: true }, `deleted pool ${command.name}\n`);
    }
  }
}
