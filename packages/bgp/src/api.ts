/**
 * GoBGP's API (proto/gobgp, vendored): the typed gRPC client constructor, and protobufjs types
 * for the messages that travel inside google.protobuf.Any (NLRI and path attributes), which
 * the gRPC layer carries as opaque bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import type { ProtoGrpcType } from './generated/gobgp';

/** Must match generate.sh: field names as written, int64 as strings, enums as names. */
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** The vendored proto folder (found from this package, built or not). */
export function gobgpProtoDir(): string {
  for (const candidate of [join(__dirname, '..', 'proto', 'gobgp'), join(__dirname, 'proto', 'gobgp')]) {
    if (existsSync(join(candidate, 'gobgp.proto'))) return candidate;
  }
  throw new Error(`cannot find GoBGP's proto files near ${__dirname}`);
}

let api: ProtoGrpcType['apipb'] | undefined;
let root: protobuf.Root | undefined;

/** gobgp.proto (loaded once): `apipb.GobgpApi` and its messages. */
export function loadGobgpApi(): ProtoGrpcType['apipb'] {
  if (api) return api;
  const dir = gobgpProtoDir();
  const definition = protoLoader.loadSync(['gobgp.proto', 'attribute.proto'], {
    ...LOADER_OPTIONS,
    includeDirs: [dir],
  });
  // proto-loader-gen-types wrote ProtoGrpcType for exactly this load: the one cast.
  api = (grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType).apipb;
  return api;
}

/** The protobufjs root of attribute.proto, for what goes inside an Any. */
function anyRoot(): protobuf.Root {
  if (root) return root;
  const dir = gobgpProtoDir();
  const r = new protobuf.Root();
  r.resolvePath = (_origin, target) => (target.startsWith('google/') ? target : join(dir, target));
  r.loadSync(['gobgp.proto', 'attribute.proto'], { keepCase: true });
  root = r;
  return r;
}

/** An Any holding `apipb.<type>` with the given fields. */
export function packAny(type: string, fields: Record<string, unknown>): { type_url: string; value: Buffer } {
  const t = anyRoot().lookupType(`apipb.${type}`);
  const problem = t.verify(fields);
  if (problem) throw new Error(`apipb.${type}: ${problem}`);
  return {
    type_url: `type.googleapis.com/apipb.${type}`,
    value: Buffer.from(t.encode(t.fromObject(fields)).finish()),
  };
}

/** The fields of an Any holding an apipb message (undefined: another type, or none). */
export function unpackAny(
  any: { type_url: string; value: Buffer | Uint8Array } | null | undefined,
  type: string,
): Record<string, unknown> | undefined {
  if (!any || any.type_url !== `type.googleapis.com/apipb.${type}`) return undefined;
  const t = anyRoot().lookupType(`apipb.${type}`);
  return t.toObject(t.decode(any.value), { longs: String, enums: String, defaults: true });
}

export { grpc };
