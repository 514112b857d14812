// Sends ICMPv6 messages to ff02::1 on one interface through a raw ICMPv6 socket (the `raw-socket`
// package). The kernel writes the IPv6 header, picks the source address (the interface's
// link-local address) and fills in the ICMPv6 checksum. Privileged (CAP_NET_RAW); acts in the
// network namespace of the calling process.
import * as raw from 'raw-socket';
import { InvalidAnnounceOptionsError } from './errors';

export const IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58;
export const IPV6_UNICAST_HOPS = 16;
export const IPV6_MULTICAST_IF = 17;
export const IPV6_MULTICAST_HOPS = 18;
export const IPV6_MULTICAST_LOOP = 19;
export const ICMP6_FILTER = 1;
export const ALL_NODES = 'ff02::1';

/** The ICMPv6 sending surface the announcer needs; a fake can stand in for it in tests. */
export interface NaSocket {
  send(message: Buffer): Promise<void>;
  close(): void;
}

/**
 * Opens a raw ICMPv6 socket bound for ff02::1 on `ifindex`: hop limit 255 (receivers drop neighbour
 * discovery messages with any other, RFC 4861 §7.1.2), the multicast interface set by index (the
 * zone in "ff02::1%ifname" would also work with raw-socket, but the index is what the caller owns),
 * no loopback of our own adverts, and an ICMPv6 filter that blocks every incoming message, since
 * this socket only sends. Close it when done: an open socket holds an fd.
 */
export function openNaSocket(ifindex: number): NaSocket {
  if (!Number.isInteger(ifindex) || ifindex < 1) {
    throw new InvalidAnnounceOptionsError('ifindex', `expected a positive integer, got ${ifindex}`);
  }
  const socket = raw.createSocket({ protocol: IPPROTO_ICMPV6, addressFamily: raw.AddressFamily.IPv6 });
  try {
    socket.pauseRecv();
    socket.setOption(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255);
    socket.setOption(IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255);
    socket.setOption(IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex);
    socket.setOption(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
    const blockAll = Buffer.alloc(32, 0xff); // struct icmp6_filter: a set bit blocks that type
    socket.setOption(IPPROTO_ICMPV6, ICMP6_FILTER, blockAll, blockAll.length);
  } catch (err) {
    socket.close();
    throw err;
  }
  return new RawNaSocket(socket);
}

/**
 * Open sockets, held strongly. raw-socket's native wrapper is a weak ObjectWrap: while a send waits
 * for its poll callback, nothing else may reference the socket (the awaiting code is only reachable
 * from that callback), so the garbage collector can destroy it mid-send, which closes the fd and
 * leaves the promise pending forever (seen in the namespace test). Kept here until close().
 */
const openSockets = new Set<RawNaSocket>();

class RawNaSocket implements NaSocket {
  private readonly socket: raw.Socket;
  private readonly pending = new Set<(err: Error) => void>();
  private failure: Error | undefined;
  private closed = false;

  constructor(socket: raw.Socket) {
    this.socket = socket;
    openSockets.add(this);
    // raw-socket emits 'error' for poll failures and then closes itself; without a listener the
    // emit would throw. Fail whatever is in flight instead.
    socket.on('error', (err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))));
    socket.on('close', () => this.fail(new Error('the raw ICMPv6 socket was closed')));
  }

  send(message: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the raw ICMPv6 socket is closed'));
    return new Promise<void>((resolve, reject) => {
      this.pending.add(reject);
      this.socket.send(message, 0, message.length, ALL_NODES, (err, bytes) => {
        if (!this.pending.delete(reject)) return; // already failed by an error or close
        if (err) reject(err);
        else if (bytes !== message.length)
          reject(new Error(`short send: ${bytes} of ${message.length} bytes`));
        else resolve();
      });
    });
  }

  close(): void {
    openSockets.delete(this);
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
  }

  private fail(err: Error): void {
    openSockets.delete(this);
    this.closed = true;
    this.failure ??= err;
    for (const reject of this.pending) reject(err);
    this.pending.clear();
  }
}
