/**
 * `node health-probe.js HOST:PORT`: asks grpc.health.v1 Check for the overall service ("")
 * and prints SERVING / NOT_SERVING / UNKNOWN, or UNAVAILABLE when nothing answers.
 * `node health-probe.js HOST:PORT --watch MS`: opens a Watch stream and prints every status
 * it sends (one per line) for MS milliseconds. Run inside a lab namespace by the e2e tests.
 * With VIPD_PROBE_TLS_CA, _CERT and _KEY set it connects with mutual TLS (heartbeat.tls).
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { service } from 'grpc-health-check';

const [target, mode, msArg] = process.argv.slice(2);
if (!target || (mode !== undefined && mode !== '--watch')) {
  process.stderr.write('usage: health-probe HOST:PORT [--watch MS]\n');
  process.exit(2);
}
const Client = grpc.makeGenericClientConstructor(service, 'Health');
const { VIPD_PROBE_TLS_CA: ca, VIPD_PROBE_TLS_CERT: cert, VIPD_PROBE_TLS_KEY: key } = process.env;
const credentials =
  ca && cert && key
    ? grpc.credentials.createSsl(readFileSync(ca), readFileSync(key), readFileSync(cert))
    : grpc.credentials.createInsecure();
const client = new Client(target, credentials);
const enumName = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const name = (s: string | number | undefined): string =>
  typeof s === 'number' ? (enumName[s] ?? '?') : String(s);
type Status = { status?: string | number };
// The generic client's methods are added at run time from the service definition.
const health = client as unknown as {
  check(
    req: { service: string },
    opts: grpc.CallOptions,
    cb: (e: grpc.ServiceError | null, r?: Status) => void,
  ): void;
  watch(req: { service: string }): grpc.ClientReadableStream<Status>;
};

if (mode === '--watch') {
  const ms = Math.min(Math.max(Number(msArg) || 0, 1), 600_000);
  const stream = health.watch({ service: '' });
  stream.on('data', (r: Status) => process.stdout.write(`${name(r.status)}\n`));
  stream.on('error', () => undefined);
  setTimeout(() => {
    stream.cancel();
    client.close();
  }, ms);
} else {
  health.check({ service: '' }, { deadline: Date.now() + 2000 }, (err, res) => {
    process.stdout.write(err ? 'UNAVAILABLE\n' : `${name(res?.status)}\n`);
    client.close();
  });
}
