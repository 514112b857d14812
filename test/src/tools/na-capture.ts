/**
 * A raw capture of IPv6 neighbour advertisements, for the labs: NA_CAPTURE_ARGV(IFNAME,
 * DURATION_MS, TARGET) is a command to run inside a lab namespace (python3, which
 * scripts/setup.sh installs; one AF_PACKET socket kept open the whole time, so no frame falls
 * between two reads). It prints `ready` once the socket is bound, then for DURATION_MS one JSON
 * line per NA for TARGET that arrives on IFNAME: `{"atMs", "src", "solicited", "override"}` (the
 * wall-clock time it was read, in ms; the sender's MAC; the NA's S and O flags). Frames this
 * host sends are not listed.
 */
import { isIP } from 'node:net';

const SCRIPT = String.raw`
import json, socket, sys, time
ifname, duration, target = sys.argv[1], int(sys.argv[2]) / 1000, socket.inet_pton(socket.AF_INET6, sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x86DD))
s.bind((ifname, 0))
s.settimeout(0.1)
print('ready', flush=True)
end = time.time() + duration
while time.time() < end:
    try:
        f, addr = s.recvfrom(65535)
    except socket.timeout:
        continue
    if addr[2] == socket.PACKET_OUTGOING or len(f) < 78 or f[20] != 58 or f[54] != 136 or f[62:78] != target:
        continue
    print(json.dumps({'atMs': int(time.time() * 1000), 'src': ':'.join('%02x' % b for b in f[6:12]),
                      'solicited': bool(f[58] & 0x40), 'override': bool(f[58] & 0x20)}), flush=True)
`;

export function naCaptureArgv(ifname: string, durationMs: number, target: string): string[] {
  if (isIP(target) !== 6) throw new Error(`na-capture: ${target} is not an IPv6 address`);
  return ['python3', '-c', SCRIPT, ifname, String(durationMs), target];
}
