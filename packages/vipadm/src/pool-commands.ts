/**
 * The `pool` commands (address pools, docs/etcd-keys.md pools/): options, pure builders and
 * help; running them is pool-run.ts. The coordinator validates every pool again (the store's code); what is
 * checked here is what the command line alone can tell, as a usage error (exit 2).
 */
import type { CommandDef } from './commands';
import { UsageError } from './errors';
import { parseInteger, vipName } from './values';

export type PoolCommand =
  | { kind: 'pool-add'; name: string; addresses: string[]; prefix4: number; prefix6: number }
  | { kind: 'pool-list' }
  | { kind: 'pool-get'; name: string }
  | { kind: 'pool-rm'; name: string };

const poolName = (text: string): string => {
  try {
    return vipName(text);
  } catch {
    throw new UsageError(
      `bad pool name ${JSON.stringify(text)}: lower-case letters, digits and "-", at most 63 characters`,
    );
  }
};

export const POOL_COMMANDS: Record<string, CommandDef> = {
  'pool add': {
    options: {
      address: { value: true, repeat: true },
      'vip-prefix4': { value: true },
      'vip-prefix6': { value: true },
    },
    args: ['NAME'],
    build: ([name], options) => {
      const addresses = (options.get('address') ?? []).flatMap((a) => a.split(',')).map((a) => a.trim());
      if (addresses.length === 0 || addresses.includes('')) {
        throw new UsageError('"pool add" needs --address CIDR|FIRST-LAST (one or more)');
      }
      const p4 = options.get('vip-prefix4')?.[0];
      const p6 = options.get('vip-prefix6')?.[0];
      return {
        kind: 'pool-add',
        name: poolName(name!),
        addresses,
        prefix4: p4 === undefined ? 32 : parseInteger('--vip-prefix4', p4, 1, 32),
        prefix6: p6 === undefined ? 128 : parseInteger('--vip-prefix6', p6, 1, 128),
      };
    },
  },
  'pool list': { options: {}, args: [], build: () => ({ kind: 'pool-list' }) },
  'pool get': {
    options: {},
    args: ['NAME'],
    build: ([name]) => ({ kind: 'pool-get', name: poolName(name!) }),
  },
  'pool rm': { options: {}, args: ['NAME'], build: ([name]) => ({ kind: 'pool-rm', name: poolName(name!) }) },
};

export const POOL_ALIASES: Record<string, string> = {
  'pool ls': 'pool list',
  'pool show': 'pool get',
  'pool delete': 'pool rm',
  'pool remove': 'pool rm',
};

export function isPoolCommand(command: { kind: string }): command is PoolCommand {
  return command.kind.startsWith('pool-');
}

export const POOL_HELP: Record<string, string> = {
  pool: `Usage: vipadm pool add|list|get|rm ...

Address pools (as MetalLB's IPAddressPool): "vip add NAME --pool POOL" takes the lowest free
address of POOL instead of --address.

  pool add NAME --address CIDR|FIRST-LAST... [--vip-prefix4 N] [--vip-prefix6 N]
  pool list
  pool get NAME
  pool rm NAME

See "vipadm pool COMMAND --help" for each.`,

  'pool add': `Usage: vipadm pool add NAME --address CIDR|FIRST-LAST... [--vip-prefix4 N] [--vip-prefix6 N]

Creates an address pool. --address is repeated (or comma-separated): a CIDR gives every
address of the network but IPv4's network and broadcast addresses and IPv6's first (the
subnet-router anycast); FIRST-LAST gives both ends and all between. IPv4 and IPv6 may mix.
A pool's addresses may not overlap another pool's. Addresses some VIP or node already uses
stay in the pool and are skipped when allocating.

Options:
  --address A       a CIDR or a FIRST-LAST range (repeat for more)
  --vip-prefix4 N   the prefix length of an IPv4 VIP taken from the pool (default 32)
  --vip-prefix6 N   the prefix length of an IPv6 VIP taken from the pool (default 128)

Examples:
  vipadm pool add public --address 198.51.100.16/28 --vip-prefix4 24
  vipadm pool add mixed --address 203.0.113.10-203.0.113.19 --address 2001:db8:1::/120 --vip-prefix6 64
  vipadm vip add web --pool public --interface eth0 --node n1 --node n2`,

  'pool list': `Usage: vipadm pool list      (alias: pool ls)

Lists pools: their addresses, size, how many VIPs have an address in them, and the address
the next "vip add --pool" gets ("full" when none).`,

  'pool get': `Usage: vipadm pool get NAME      (alias: pool show)

One pool in full, with the VIPs whose address is in it.`,

  'pool rm': `Usage: vipadm pool rm NAME      (aliases: pool delete, pool remove)

Deletes a pool. Refused while a VIP's address is in it ("pool public is in use by 2 VIPs
(api, web); delete them first"), so that no VIP is left with an address of a pool that is
gone and could be created again with other addresses.`,
};
