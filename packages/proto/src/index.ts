/**
 * Loads proto/ at run time with the options the generated types were made with, and gives
 * typed access to the vipd.v1 package. Services import their handler and client types from
 * './generated' through this package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { strictDecoding } from './wire';

/** Must match generate.sh: field names as written, int64 as strings, enums as names. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** The repository's proto/ folder (found from this package, built or not). */
export function protoRoot(): string {
  for (const candidate of [join(__dirname, '..', '..', '..', 'proto'), join(__dirname, '..', 'proto')]) {
    if (existsSync(join(candidate, 'vipd', 'v1'))) return candidate;
  }
  throw new Error(`cannot find the proto/ folder near ${__dirname}`);
}

/** Loads the given files (relative to proto/, e.g. 'vipd/v1/admin.proto') as a grpc object. */
export function loadProtos(files: string[]): grpc.GrpcObject {
  const root = protoRoot();
  const definition = protoLoader.loadSync(
    files.map((f) => join(root, f)),
    { ...LOADER_OPTIONS, includeDirs: [root] },
  );
  return grpc.loadPackageDefinition(strictDecoding(definition));
}

export { grpc, protoLoader };
export { strictDecoding, wireProblem } from './wire';
export type * from './generated/index';
