/**
 * `node forge-beat.js HOST:PORT NODE VIP REVISION MS [--ca F [--cert F --key F]]`: an impostor on
 * the heartbeat port. Opens NodeService.Heartbeat to HOST:PORT (plaintext, or TLS trusting the CA
 * file, presenting a client certificate when given) and, for MS milliseconds, beats every 100 ms
 * as node NODE claiming to hold VIP with fencing revision REVISION (the attack of issue 13 item
 * 10: any host could make a holder yield). The beats are unsigned: the impostor has no beat key.
 * A stream the server ends is opened again 100 ms later, as a persistent attacker would. Prints
 * one line: `sent N answers M streams S statuses CODE:COUNT,...` (gRPC status codes the streams
 * ended with). Run inside a lab namespace by the fault suite.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { loadNodeProto } from '@vipd/proto';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const ca = flag('--ca');
const cert = flag('--cert');
const key = flag('--key');
const [target, node, vip, revision, msArg] = args;
const ms = Math.min(Math.max(Number(msArg) || 0, 1), 600_000);
if (!target || !node || !vip || !revision || !msArg || (cert === undefined) !== (key === undefined)) {
  process.stderr.write('usage: forge-beat HOST:PORT NODE VIP REVISION MS [--ca F [--cert F --key F]]\n');
  process.exit(2);
}
const credentials = ca
  ? grpc.credentials.createSsl(
      readFileSync(ca),
      key ? readFileSync(key) : null,
      cert ? readFileSync(cert) : null,
    )
  : grpc.credentials.createInsecure();
const client = new (loadNodeProto().NodeService)(target, credentials);
let answers = 0;
let sent = 0;
let streams = 0;
let done = false;
const statuses = new Map<number, number>();
const started = performance.now();
let stream: ReturnType<typeof client.Heartbeat> | undefined;

function open(): void {
  if (done) return;
  streams++;
  const s = client.Heartbeat();
  stream = s;
  s.on('data', () => answers++);
  s.on('error', () => undefined); // the status below says what it was
  s.on('status', (st: grpc.StatusObject) => {
    statuses.set(st.code, (statuses.get(st.code) ?? 0) + 1);
    if (stream === s) stream = undefined;
    setTimeout(open, 100);
  });
}

open();
const timer = setInterval(() => {
  if (stream === undefined) return;
  sent++;
  stream.write({
    node,
    seq: sent,
    health: 'SERVING',
    held: [{ name: vip, revision }],
    lease_id: '7',
    peers: [],
    interval_ms: 100,
    sent_at_ms: performance.now() - started,
    etcd_ok: true,
  });
}, 100);
setTimeout(() => {
  done = true;
  clearInterval(timer);
  stream?.end();
  client.close();
  const codes = [...statuses].map(([code, n]) => `${code}:${n}`).join(',') || 'none';
  process.stdout.write(`sent ${sent} answers ${answers} streams ${streams} statuses ${codes}\n`);
  setTimeout(() => process.exit(0), 100).unref();
}, ms);
