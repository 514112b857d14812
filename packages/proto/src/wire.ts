// Strict decoding for every service loaded through this package. protobufjs reads a string or
// bytes field that runs past the end of the message as the shorter value that is there: a cut
// DeleteVip{name: "webx"} would arrive as "web" (the coordinator's fuzz test found it). Every
// deserializer therefore checks the wire format of the top level first.
import type { PackageDefinition } from '@grpc/proto-loader';

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

/** Makes every request and response deserializer of the definition refuse cut messages. */
export function strictDecoding(definition: PackageDefinition): PackageDefinition {
  for (const service of Object.values(definition)) {
    for (const method of Object.values(service)) {
      if (typeof method !== 'object' || method === null || !('requestDeserialize' in method)) continue;
      const m = method as {
        requestDeserialize: (b: Buffer) => unknown;
        responseDeserialize: (b: Buffer) => unknown;
      };
      for (const key of ['requestDeserialize', 'responseDeserialize'] as const) {
        const decode = m[key];
        m[key] = (bytes: Buffer): unknown => {
          const problem = wireProblem(bytes);
          if (problem) throw new RangeError(`malformed message: ${problem}`);
          return decode(bytes);
        };
      }
    }
  }
  return definition;
}
