/**
 * Requests that do not decode. grpc-js answers a throwing deserializer with INTERNAL; the
 * caller sent bad bytes, so the service definition's deserializers are wrapped to hand the
 * handler an UndecodableRequest instead, which it refuses with INVALID_ARGUMENT (after the
 * caller's credentials are checked, so an anonymous caller learns nothing of the parser).
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { describe } from '@vipd/store';
import { invalid } from './errors';

export class UndecodableRequest {
  constructor(readonly problem: string) {}
}

/** The same service with deserializers that never throw. */
export function tolerantService(service: ServiceDefinition): ServiceDefinition {
  const entries = Object.entries(service).map(([name, def]) => [
    name,
    {
      ...def,
      requestDeserialize: (bytes: Buffer): unknown => {
        try {
          // protobufjs reads a string or bytes field that runs past the end as the shorter
          // value that is there: a truncated DeleteVip{name: "webx"} would delete "web".
          const problem = wireProblem(bytes);
          if (problem) return new UndecodableRequest(problem);
          return def.requestDeserialize(bytes);
        } catch (err) {
          // A stack overflow from deep nesting is a RangeError like any other here.
          return new UndecodableRequest(describe(err));
        }
      },
    },
  ]);
  return Object.fromEntries(entries) as ServiceDefinition;
}

/** Throws INVALID_ARGUMENT for a request that did not decode. */
export function requireDecoded(method: string, request: unknown): void {
  if (request instanceof UndecodableRequest) {
    throw invalid(`${method}: the request is not a valid ${method} message: ${request.problem}`);
  }
}

/**
 * Checks the top level of a protobuf message: every field's tag and value lie within the
 * bytes, with no group (proto3 has none) and no unknown wire type. Pure; exported for tests.
 */
export function wireProblem(buf: Uint8Array): string | undefined {
  let pos = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (pos >= buf.length) return undefined;
      const b = buf[pos++] ?? 0;
      if (shift < 49) value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    return undefined;
  };
  while (pos < buf.length) {
    const at = pos;
    const tag = varint();
    if (tag === undefined) return `truncated field tag at byte ${at}`;
    const wire = tag % 8;
    if (tag < 8) return `field number 0 at byte ${at}`;
    if (wire === 0) {
      if (varint() === undefined) return `truncated varint at byte ${at}`;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > buf.length) return `truncated fixed-width field at byte ${at}`;
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || pos + len > buf.length) return `field at byte ${at} runs past the end`;
      pos += len;
    } else {
      return `wire type ${wire} at byte ${at} is not used by this API`;
    }
  }
  return undefined;
}
