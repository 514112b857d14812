/**
 * `node forge-beat.js HOST:PORT NODE VIP REVISION MS`: an impostor on the heartbeat port. Opens
 * NodeService.Heartbeat to HOST:PORT (plaintext) and, for MS milliseconds, beats every 100 ms as
 * node NODE claiming to hold VIP with fencing revision REVISION (the attack of issue 13 item 10:
 * any host could make a holder yield). Prints how many beats it sent and how many answers it got.
 * Run inside a lab namespace by the fault suite.
 */
import * as grpc from '@grpc/grpc-js';
import { loadNodeProto } from '@vipd/proto';

const [target, node, vip, revision, msArg] = process.argv.slice(2);
const ms = Math.min(Math.max(Number(msArg) || 0, 1), 600_000);
if (!target || !node || !vip || !revision || !msArg) {
  process.stderr.write('usage: forge-beat HOST:PORT NODE VIP REVISION MS\n');
  process.exit(2);
}
const client = new (loadNodeProto().NodeService)(target, grpc.credentials.createInsecure());
const stream = client.Heartbeat();
let answers = 0;
let sent = 0;
stream.on('data', () => answers++);
stream.on('error', () => undefined); // ended by the server: counted as what it is
const started = performance.now();
const timer = setInterval(() => {
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
  clearInterval(timer);
  stream.end();
  client.close();
  process.stdout.write(`sent ${sent} answers ${answers}\n`);
}, ms);
