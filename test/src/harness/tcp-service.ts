/**
 * The service the check tests track: a TCP listener on 127.0.0.1:8080 in a node's namespace
 * (spawned with lab.spawn), and the tcp check of it that vipd's node config names `svc`.
 */

/** argv of the listener: accepts and closes. */
export const TCP_SERVICE_ARGV = [
  process.execPath,
  '-e',
  "require('net').createServer((s) => s.end()).listen(8080, '127.0.0.1')",
];

/** The check `svc` of that listener, probing every `intervalMs` (its timeout the same). */
export function tcpServiceCheck(intervalMs: number): Record<string, unknown> {
  return {
    name: 'svc',
    type: 'tcp',
    target: '127.0.0.1:8080',
    intervalMs,
    timeoutMs: intervalMs,
    rise: 2,
    fall: 2,
  };
}
