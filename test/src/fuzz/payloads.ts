/**
 * Hostile request bodies for the admin API: raw protobuf wire bytes that are random,
 * truncated, overlong, deeply nested, of the wrong wire type, oversized, invalid UTF-8 or
 * huge, and well-formed messages whose fields hold adversarial values.
 */
import type { Prng } from './prng';

export function varint(value: number | bigint): Buffer {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return Buffer.from(out);
}

export const tag = (field: number, wire: number): Buffer => varint((field << 3) | wire);
export const lengthDelimited = (field: number, body: Buffer): Buffer =>
  Buffer.concat([tag(field, 2), varint(body.length), body]);

/** Addresses every VIP write must refuse (so fuzzed writes never change etcd). */
const BAD_ADDRESSES = [
  '',
  'x\ny',
  '198.51.100.0/24',
  '198.51.100.255/24',
  '224.0.0.1/24',
  '300.1.1.1/24',
  '198.51.100.5',
  '::/0',
  'fe80::1/64',
  '0.0.0.0/0',
  '127.0.0.1/8',
  '::ffff:198.51.100.5/120',
  '198.51.100.5/33',
  '😀',
  'c'.repeat(10_000),
];

/** Strings no validator should accept as a name or address, and some it must survive. */
export const NASTY_STRINGS = [
  ' ',
  'WEB',
  'web ',
  '\u0000',
  'é',
  '\ud800',
  '../../etc/passwd',
  '%s%n%x',
  '${jndi:ldap://x}',
  '-1',
  '1e309',
  'a'.repeat(64),
  'b'.repeat(10_000),
  ...BAD_ADDRESSES,
];

function nasty(rng: Prng): string {
  if (rng.int(4) === 0) return rng.string(rng.int(80), 'abcdefghijklmnopqrstuvwxyz0123456789-._@ \n\t/\\"\'');
  if (rng.int(8) === 0) return rng.bytes(rng.int(64)).toString('latin1');
  return rng.pick(NASTY_STRINGS);
}

/** Never a backend address (an IP address without prefix). */
const BAD_BACKENDS = [
  '',
  'x\ny',
  '300.1.1.1',
  '198.51.100.0/24',
  '198.051.100.5',
  'example.com',
  '1.2.3',
  ':::',
];

const u32 = (rng: Prng): number => rng.pick([0, 1, 255, 256, 65_535, 2 ** 31 - 1, 2 ** 32 - 1, rng.next()]);

/** A well-formed request object with adversarial values; never a valid write. */
export function nastyRequest(method: string, rng: Prng): object {
  switch (method) {
    case 'CreateVip':
    case 'UpdateVip':
      return {
        spec: {
          name: nasty(rng),
          address: rng.pick(BAD_ADDRESSES),
          interface: nasty(rng),
          nodes: rng.bool() ? { [nasty(rng)]: { priority: u32(rng), interface: nasty(rng) } } : {},
          preempt: rng.bool(),
          preempt_delay_ms: u32(rng),
          announce: { count: u32(rng), interval_ms: u32(rng), refresh_ms: u32(rng), probe_ms: u32(rng) },
          track: rng.bool() ? [nasty(rng), nasty(rng)] : [],
          on_etcd_loss: nasty(rng),
        },
        expected_revision: rng.bool() ? nasty(rng) : String(u32(rng)),
      };
    case 'CreateService':
    case 'UpdateService': {
      // One backend always has a bad address: never a valid spec, whatever else comes out.
      const backend = () => ({
        address: nasty(rng),
        port: u32(rng),
        weight: u32(rng),
        weight_set: rng.bool(),
      });
      return {
        spec: {
          name: nasty(rng),
          vip: rng.bool() ? 'web' : nasty(rng),
          protocol: nasty(rng),
          port: u32(rng),
          scheduler: nasty(rng),
          mode: nasty(rng),
          snat: rng.bool(),
          backends: [...(rng.bool() ? [backend()] : []), { ...backend(), address: rng.pick(BAD_BACKENDS) }],
          check: {
            type: nasty(rng),
            interval_ms: u32(rng),
            timeout_ms: u32(rng),
            rise: u32(rng),
            fall: u32(rng),
            path: nasty(rng),
            expect_status: u32(rng),
            expect_body: nasty(rng),
            port: u32(rng),
            argv: rng.bool() ? [nasty(rng)] : [],
          },
          sorry: nasty(rng),
          quorum: u32(rng),
        },
        expected_revision: rng.bool() ? nasty(rng) : String(u32(rng)),
      };
    }
    default:
      return { name: nasty(rng), to: nasty(rng), timeout_ms: u32(rng) };
  }
}

export const MAX_REQUEST_BYTES = 256 * 1024;

export interface Payload {
  kind: string;
  bytes: Buffer;
}

/** One hostile body; `valid` is a correctly encoded request of the method to start from. */
export function hostilePayload(rng: Prng, valid: Buffer): Payload {
  const kinds = [
    'random',
    'truncated',
    'mutated',
    'huge-varint',
    'huge-length',
    'deep-groups',
    'deep-messages',
    'wrong-wire-type',
    'invalid-wire-type',
    'invalid-utf8',
    'huge-string',
    'oversized',
  ] as const;
  const kind = rng.pick(kinds);
  const field = 1 + rng.int(9);
  const bytes = ((): Buffer => {
    switch (kind) {
      case 'random':
        return rng.bytes(rng.int(2048));
      case 'truncated':
        return valid.subarray(0, rng.int(Math.max(1, valid.length)));
      case 'mutated': {
        const b = Buffer.from(valid);
        for (let i = 0; i < 1 + rng.int(4) && b.length > 0; i++) b[rng.int(b.length)] = rng.next() & 0xff;
        return b;
      }
      case 'huge-varint':
        return Buffer.concat([tag(field, 0), Buffer.alloc(11 + rng.int(20), 0xff), Buffer.from([0x01])]);
      case 'huge-length':
        return Buffer.concat([tag(field, 2), varint(2n ** BigInt(20 + rng.int(43))), rng.bytes(rng.int(16))]);
      case 'deep-groups': {
        const depth = rng.pick([100, 1000, 10_000, 60_000]);
        return Buffer.concat(Array.from({ length: depth }, () => tag(15, 3)));
      }
      case 'deep-messages': {
        let b: Buffer = Buffer.from('x');
        for (let i = 0, depth = rng.pick([10, 100, 1000]); i < depth; i++)
          b = lengthDelimited(rng.pick([1, 7, 4]), b);
        return b;
      }
      case 'wrong-wire-type':
        return Buffer.concat([tag(field, rng.pick([0, 1, 5])), rng.bytes(8), valid]);
      case 'invalid-wire-type':
        return Buffer.concat([valid, tag(field, rng.pick([6, 7])), rng.bytes(4)]);
      case 'invalid-utf8': {
        const bad = Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);
        return rng.bool() ? lengthDelimited(field, bad) : lengthDelimited(1, lengthDelimited(field, bad));
      }
      case 'huge-string': {
        const s = Buffer.alloc(100_000 + rng.int(150_000), 'a');
        return rng.bool() ? lengthDelimited(field, s) : lengthDelimited(1, lengthDelimited(field, s));
      }
      case 'oversized':
        return rng.bytes(MAX_REQUEST_BYTES + 1 + rng.int(64 * 1024));
    }
  })();
  return { kind, bytes };
}
