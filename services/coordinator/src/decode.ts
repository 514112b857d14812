/**
 * Requests that do not decode. grpc-js answers a throwing deserializer with INTERNAL; the
 * caller sent bad bytes, so the service definition's deserializers are wrapped to hand the
 * handler an UndecodableRequest instead, which it refuses with INVALID_ARGUMENT (after the
 * caller's credentials are checked, so an anonymous caller learns nothing of the parser).
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { errorLine } from '@vipd/log';
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
          // A cut message is refused there too (@vipd/proto's strict decoding).
          return def.requestDeserialize(bytes);
        } catch (err) {
          // A stack overflow from deep nesting is a RangeError like any other here.
          return new UndecodableRequest(errorLine(err));
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
