/**
 * The audit log: one line per write call, granted or refused, with component `audit`:
 * who (token name, certificate identity or `anonymous`), how they proved it, the peer
 * address, the method, the request's key fields, and the result code and message.
 * The request is never logged whole, and the token never: only what identify() returned.
 */
import { status as Status } from '@grpc/grpc-js';
import { type Logger, oneLine } from '@vipd/log';
import type { Principal } from './auth';

export interface AuditRecord {
  who: Principal;
  peer: string;
  method: string;
  request: unknown;
  /** The gRPC status code of the answer (OK for success). */
  code: Status;
  message: string;
}

/** A short, one-line string of whatever a field holds (the request may be hostile). */
function field(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = oneLine(String(value));
  return text.length > 128 ? `${text.slice(0, 128)}…` : text;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  const v = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/** The fields that say what a write was about: VIP, node, target, address, revision. */
export function requestFields(method: string, request: unknown): Record<string, string> {
  const req = request !== null && typeof request === 'object' ? (request as Record<string, unknown>) : {};
  const out: Record<string, string | undefined> = {};
  switch (method) {
    case 'CreateVip':
    case 'UpdateVip': {
      const spec = objectAt(req, 'spec');
      out.vip = field(spec.name);
      out.address = field(spec.address);
      out.pool = field(req.pool) || undefined;
      out.expectedRevision = field(req.expected_revision) || undefined;
      break;
    }
    case 'DeleteVip':
    case 'UnpinVip':
      out.vip = field(req.name);
      break;
    case 'CreatePool':
      out.pool = field(objectAt(req, 'spec').name);
      break;
    case 'DeletePool':
      out.pool = field(req.name);
      break;
    case 'MoveVip':
      out.vip = field(req.name);
      out.target = field(req.to);
      break;
    case 'DrainNode':
    case 'UndrainNode':
      out.node = field(req.name);
      break;
  }
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined));
}

export class AuditLog {
  constructor(private readonly log: Logger) {}

  record(r: AuditRecord): void {
    const result = Status[r.code] ?? String(r.code);
    this.log.info(
      {
        who: r.who.who,
        via: r.who.via,
        role: r.who.role,
        peer: r.peer,
        method: r.method,
        ...requestFields(r.method, r.request),
        result,
        message: oneLine(r.message).slice(0, 300),
      },
      `${r.method} by ${r.who.who}: ${result}`,
    );
  }
}
