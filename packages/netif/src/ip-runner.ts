// The one place that runs `ip`: execFile with an argument array (never a shell), a timeout, and
// every failure mapped to a typed error here and nowhere else.
import { execFile } from 'node:child_process';
import { firstLine } from '@vipd/log';
import { InterfaceNotFoundError, IpOutputParseError, NetifError } from './errors';

export interface NetifOptions {
  /** Path of the iproute2 `ip` binary (tests inject a fake). Default `ip`, found on PATH. */
  readonly ipCommand?: string;
  /** Kill `ip` after this long and fail with a transient error. Default 5000 ms. */
  readonly timeoutMs?: number;
}

export interface IpCallContext {
  /** Interface the call is about: a "no such device" answer becomes InterfaceNotFoundError. */
  readonly ifname?: string;
  readonly address?: string;
}

export interface IpResult {
  readonly stdout: string;
  readonly stderr: string;
}

const DEFAULT_TIMEOUT_MS = 5000;
// A host with thousands of addresses prints a lot of JSON; the default 1 MiB would cut it.
const MAX_BUFFER = 64 * 1024 * 1024;

// iproute2 6.1 says `Cannot find device "x"` (addr/link change) or `Device "x" does not exist.`
// (show); a kernel answer of ENODEV reads "No such device".
const NO_DEVICE = [/Cannot find device/i, /Device ".*" does not exist/i, /No such device/i];
// Kernel answers worth an immediate retry.
const TRANSIENT = [
  /Device or resource busy/i,
  /No buffer space available/i,
  /Resource temporarily unavailable/i,
  /Cannot allocate memory/i,
  /Interrupted system call/i,
];

/** Map a non-zero exit of `ip` to the error a caller should see. Pure; exported for tests. */
export function classifyIpFailure(
  argv: readonly string[],
  exitCode: number,
  stderrText: string,
  context: IpCallContext = {},
): NetifError {
  const stderr = firstLine(stderrText);
  const details = { argv, exitCode, stderr, ifname: context.ifname, address: context.address };
  if (context.ifname !== undefined && NO_DEVICE.some((re) => re.test(stderr))) {
    return new InterfaceNotFoundError(context.ifname, details);
  }
  const transient = TRANSIENT.some((re) => re.test(stderr));
  return new NetifError(`${argv.join(' ')} failed (exit ${exitCode}): ${stderr || '<no stderr>'}`, {
    ...details,
    transient,
  });
}

/** Run `ip ARGS…`; resolve with its output on exit 0, reject with a NetifError otherwise. */
export function runIp(args: readonly string[], options: NetifOptions = {}, context: IpCallContext = {}) {
  const command = options.ipCommand ?? 'ip';
  const argv = [command, ...args];
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<IpResult>((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr });
          return;
        }
        // ExecFileException: `code` is the exit status (number) or a spawn errno (string).
        const code: unknown = error.code;
        if (typeof code === 'number') {
          reject(classifyIpFailure(argv, code, stderr, context));
          return;
        }
        if (error.killed === true || error.signal != null) {
          reject(
            new NetifError(`${argv.join(' ')} killed (${error.signal ?? 'timeout'}) after ${timeout} ms`, {
              argv,
              stderr: firstLine(stderr),
              ifname: context.ifname,
              address: context.address,
              transient: true,
              cause: error,
            }),
          );
          return;
        }
        // Spawn failure: ENOENT (no such binary), EACCES…; retrying will not help.
        reject(
          new NetifError(`cannot run ${command}: ${error.message}`, {
            argv,
            ifname: context.ifname,
            address: context.address,
            transient: code === 'EAGAIN' || code === 'EMFILE' || code === 'ENFILE',
            cause: error,
          }),
        );
      },
    );
  });
}

/** Run `ip ARGS…` and parse its stdout; a parse error names the argv it came from. */
export async function runIpParsed<T>(
  args: readonly string[],
  parse: (stdout: string) => T,
  options: NetifOptions = {},
  context: IpCallContext = {},
): Promise<T> {
  const { stdout } = await runIp(args, options, context);
  try {
    return parse(stdout);
  } catch (error) {
    if (!(error instanceof IpOutputParseError)) throw error;
    throw new IpOutputParseError(error.detail, error.path, {
      argv: [options.ipCommand ?? 'ip', ...args],
      ifname: context.ifname,
      cause: error.cause,
    });
  }
}

/**
 * Whether this `ip` can set an address protocol (`ip address ... proto N`, iproute2 >= 6.3),
 * read from its `ip address help` text (which it prints to stderr, exiting 255). Cached per
 * command path; false when `ip` cannot be run at all (the real call will then fail loudly).
 */
export function ipSupportsAddrProto(options: NetifOptions = {}): Promise<boolean> {
  const command = options.ipCommand ?? 'ip';
  let cached = protoSupport.get(command);
  if (cached === undefined) {
    cached = new Promise<boolean>((resolve) => {
      execFile(
        command,
        ['address', 'help'],
        { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, encoding: 'utf8' },
        (_error, stdout, stderr) => resolve(/ADDRPROTO|\bproto\b/.test(`${stdout}\n${stderr}`)),
      );
    });
    protoSupport.set(command, cached);
  }
  return cached;
}

const protoSupport = new Map<string, Promise<boolean>>();
