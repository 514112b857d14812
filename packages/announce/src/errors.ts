const EPERM = 1;
const EACCES = 13;

/** Base class of every error this package throws; `transient` tells retry logic whether trying again may help. */
export class AnnounceError extends Error {
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.transient = options.transient ?? false;
  }
}

/** A MAC address that is not six colon-separated hex octets ("aa:bb:cc:dd:ee:ff"). */
export class InvalidMacError extends AnnounceError {
  readonly mac: string;

  constructor(mac: string, reason: string) {
    super(`invalid MAC address ${JSON.stringify(mac)}: ${reason}`);
    this.mac = mac;
  }
}

/** An IP address that is not a plain unicast address of the expected family. */
export class InvalidAddressError extends AnnounceError {
  readonly address: string;
  readonly family: 4 | 6;

  constructor(address: string, family: 4 | 6, reason: string) {
    super(`invalid IPv${family} address ${JSON.stringify(address)}: ${reason}`);
    this.address = address;
    this.family = family;
  }
}

/** Announce or probe options (count, interval, timeout) or target fields (ifindex, family) out of range. */
export class InvalidAnnounceOptionsError extends AnnounceError {
  readonly field: string;

  constructor(field: string, reason: string) {
    super(`invalid announce option ${field}: ${reason}`);
    this.field = field;
  }
}

/** The AF_PACKET addon (build/Release/vipd_packet.node) is missing or does not load. */
export class AddonNotBuiltError extends AnnounceError {
  readonly path: string;

  constructor(path: string, cause: unknown) {
    super(
      `the vipd_packet addon is not built or does not load (${path}); ` +
        `run 'pnpm run build' at the repository root, or ` +
        `'cd packages/announce && pnpm exec node-gyp rebuild --nodedir=/usr'`,
      { cause },
    );
    this.path = path;
  }
}

/**
 * A packet socket operation on one interface failed. Most causes (interface down, no buffer
 * space) go away by themselves, so the error is transient, except a missing privilege
 * (EPERM/EACCES), which is final.
 */
export abstract class SocketOperationError extends AnnounceError {
  readonly ifname: string;
  readonly family: 4 | 6;
  readonly errno: number | undefined;
  readonly syscall: string | undefined;

  protected constructor(
    what: string,
    ifname: string,
    family: 4 | 6,
    cause: unknown,
    details: { errno?: number | undefined; syscall?: string | undefined },
  ) {
    const text = cause instanceof Error ? cause.message : String(cause);
    const final = details.errno === EPERM || details.errno === EACCES || /permitted|denied/i.test(text);
    super(`${what} on ${ifname} failed: ${text}`, { cause, transient: !final });
    this.ifname = ifname;
    this.family = family;
    this.errno = details.errno;
    this.syscall = details.syscall;
  }
}

/** Sending an announcement (gratuitous ARP or unsolicited NA) failed. */
export class SendError extends SocketOperationError {
  constructor(
    ifname: string,
    family: 4 | 6,
    cause: unknown,
    details: { errno?: number | undefined; syscall?: string | undefined } = {},
  ) {
    super(
      family === 4 ? 'sending gratuitous ARP' : 'sending unsolicited neighbour advertisement',
      ifname,
      family,
      cause,
      details,
    );
    this.name = 'SendError';
  }
}

/** A duplicate-owner probe could not be sent or its answers not collected. */
export class ProbeError extends SocketOperationError {
  constructor(
    ifname: string,
    family: 4 | 6,
    cause: unknown,
    details: { errno?: number | undefined; syscall?: string | undefined } = {},
  ) {
    super(family === 4 ? 'ARP probe' : 'neighbour solicitation probe', ifname, family, cause, details);
    this.name = 'ProbeError';
  }
}
