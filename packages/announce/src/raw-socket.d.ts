// The part of the untyped `raw-socket` package (1.8.x, index.js) this package uses.
declare module 'raw-socket' {
  import { EventEmitter } from 'node:events';

  export const AddressFamily: { IPv4: number; IPv6: number };
  export const Protocol: { None: number; ICMP: number; TCP: number; UDP: number; ICMPv6: number };

  export interface SocketOptions {
    protocol?: number;
    addressFamily?: number;
    bufferSize?: number;
  }

  export class Socket extends EventEmitter {
    close(): this;
    pauseRecv(): this;
    resumeRecv(): this;
    pauseSend(): this;
    resumeSend(): this;
    /** An integer option (passed as a 4-byte int), or a buffer of `length` bytes. */
    setOption(level: number, option: number, value: number): void;
    setOption(level: number, option: number, value: Buffer, length: number): void;
    /**
     * Queues `buffer[offset, offset+length)` for `address` (an IPv6 address may carry a "%ifname"
     * zone, parsed by libuv's uv_ip6_addr). The callback gets a sendto() error or the byte count.
     */
    send(
      buffer: Buffer,
      offset: number,
      length: number,
      address: string,
      callback: (error: Error | null, bytes: number) => void,
    ): this;
  }

  export function createSocket(options?: SocketOptions): Socket;
}
