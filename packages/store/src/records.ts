/**
 * Readers for the small JSON records of docs/etcd-keys.md other than VIP specs: node
 * registrations, drain switches and pins. Pure; a bad value yields undefined (the caller
 * logs and skips it, never crashes).
 */
import type { NodeInfo } from './ranking';

/** drain/<node>: present means the node gives up and takes no VIP. */
export interface DrainRecord {
  at: string;
  by: string;
}

/** pins/<vip>: the node a planned switchover named. */
export interface PinRecord {
  node: string;
  at: string;
  by: string;
}

/** nodes/<node>, leniently: missing optional fields take their empty values. */
export function parseNodeInfo(name: string, value: string): NodeInfo | undefined {
  const v = parseObject(value);
  if (v === undefined) return undefined;
  return {
    name,
    advertise: typeof v.advertise === 'string' ? v.advertise : '',
    labels: isStringRecord(v.labels) ? v.labels : {},
    drained: v.drained === true,
    unready: Array.isArray(v.unready) ? v.unready.filter((x): x is string => typeof x === 'string') : [],
  };
}

export function parseDrainRecord(value: string): DrainRecord | undefined {
  const v = parseObject(value);
  if (v === undefined) return undefined;
  return { at: typeof v.at === 'string' ? v.at : '', by: typeof v.by === 'string' ? v.by : '' };
}

/** A pin without a node name is no pin. */
export function parsePinRecord(value: string): PinRecord | undefined {
  const v = parseObject(value);
  if (v === undefined || typeof v.node !== 'string' || v.node === '') return undefined;
  return { node: v.node, at: typeof v.at === 'string' ? v.at : '', by: typeof v.by === 'string' ? v.by : '' };
}

function parseObject(value: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v as Record<string, unknown>).every((x) => typeof x === 'string')
  );
}
