/**
 * `node health-probe.js HOST:PORT`: asks grpc.health.v1 Check for the overall service ("")
 * and prints SERVING / NOT_SERVING / UNKNOWN, or UNAVAILABLE when nothing answers. Run inside
 * a lab namespace (ip netns exec) by the end-to-end tests.
 */
import * as grpc from '@grpc/grpc-js';
import { service } from 'grpc-health-check';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: health-probe HOST:PORT\n');
  process.exit(2);
}
const Client = grpc.makeGenericClientConstructor(service, 'Health');
const client = new Client(target, grpc.credentials.createInsecure());
const enumName = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
type CheckCallback = (err: grpc.ServiceError | null, res: { status?: string | number } | undefined) => void;
// The generic client's methods are added at run time from the service definition.
const health = client as unknown as {
  check(req: { service: string }, opts: grpc.CallOptions, cb: CheckCallback): void;
};
health.check({ service: '' }, { deadline: Date.now() + 2000 }, (err, res) => {
  if (err) process.stdout.write('UNAVAILABLE\n');
  else process.stdout.write(`${typeof res?.status === 'number' ? enumName[res.status] : res?.status}\n`);
  client.close();
});
