/**
 * Loads proto/ at run time with the options the generated types were made with, and gives
 * typed access to the vipd.v1 package. Services import their handler, client and message
 * types (`*Handlers`, `*Client`, `*__Output`) from './generated' through this package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as AdminGrpcType } from './generated/admin';
import type { AdminServiceClient, AdminServiceDefinition } from './generated/vipd/v1/AdminService';
import type { ProtoGrpcType as NodeGrpcType } from './generated/node';
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

// proto-loader-gen-types wrote these types for exactly what loadProtos returns for each file
// with LOADER_OPTIONS: the one place the untyped grpc object is given its generated type.
let admin: AdminGrpcType['vipd']['v1'] | undefined;
let node: NodeGrpcType['vipd']['v1'] | undefined;

/** admin.proto (loaded once): `vipd.v1.AdminService` (client constructor, `.service`), its messages. */
export function loadAdminProto(): AdminGrpcType['vipd']['v1'] {
  admin ??= (loadProtos(['vipd/v1/admin.proto']) as unknown as AdminGrpcType).vipd.v1;
  return admin;
}

/** node.proto (loaded once): `vipd.v1.NodeService` (the heartbeat stream) and its messages. */
/**
 * WatchEvents' initial metadata key: the first etcd revision the stream can deliver, where a
 * client that has seen no event yet resumes (admin.proto, WatchEventsRequest.start_revision).
 */
export const START_REVISION_METADATA = 'vipd-start-revision';

export function loadNodeProto(): NodeGrpcType['vipd']['v1'] {
  node ??= (loadProtos(['vipd/v1/node.proto']) as unknown as NodeGrpcType).vipd.v1;
  return node;
}

/** AdminService's unary methods (all but the WatchEvents stream), as the generated client names them. */
export type AdminUnaryMethod = Exclude<Extract<keyof AdminServiceClient, Capitalize<string>>, 'WatchEvents'>;
/** What a method takes and what its answer decodes to, from the generated definition. */
export type AdminRequest<M extends AdminUnaryMethod> = Parameters<
  AdminServiceDefinition[M]['requestSerialize']
>[0];
export type AdminResponse<M extends AdminUnaryMethod> = ReturnType<
  AdminServiceDefinition[M]['responseDeserialize']
>;
/** The definition seen per method, so that a call by name keeps that method's own types. */
type AdminUnaryDefinitions = {
  [M in AdminUnaryMethod]: Pick<
    grpc.MethodDefinition<AdminRequest<M>, AdminResponse<M>>,
    'path' | 'requestSerialize' | 'responseDeserialize'
  >;
};

/**
 * One unary AdminService call by method name, checked against that method's generated types:
 * what the generated client's method of that name does (grpc-js makes it from the same definition).
 */
export function callAdmin<M extends AdminUnaryMethod>(
  client: AdminServiceClient,
  method: M,
  request: AdminRequest<M>,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<AdminResponse<M>>,
): grpc.ClientUnaryCall {
  const definitions: AdminUnaryDefinitions = loadAdminProto().AdminService.service;
  const { path, requestSerialize, responseDeserialize } = definitions[method];
  return client.makeUnaryRequest(
    path,
    requestSerialize,
    responseDeserialize,
    request,
    metadata,
    options,
    callback,
  );
}

/** Binds a gRPC server (plaintext unless credentials say otherwise); resolves with the bound port. */
export function bindServer(
  server: grpc.Server,
  address: string,
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (err, port) =>
      err ? reject(new Error(`cannot listen on ${address}: ${err.message}`)) : resolve(port),
    );
  });
}

export { grpc, protoLoader };
export { strictDecoding, wireProblem } from './wire';
export type * from './generated/index';
