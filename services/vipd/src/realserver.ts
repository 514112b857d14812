/**
 * `vipd realserver --vip ADDR [--vip ADDR]...`: prepares a real server (backend) of a virtual
 * service in DR mode, where the director forwards frames to this host with the VIP as their
 * destination. Puts each VIP on `lo` (/32 or /128) so the host accepts them, sets
 * net.ipv4.conf.all.arp_ignore=1 (answer ARP only for addresses of the asking interface: never
 * for the VIP on lo) and arp_announce=2 (never use the VIP as ARP source), then waits; on
 * SIGTERM/SIGINT it removes the addresses it added and puts the sysctls back as they were.
 * No etcd, no config: it only touches this host's network namespace.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { isIP } from 'node:net';
import { exitWith } from '@vipd/config';
import type { Logger } from '@vipd/log';

const run = promisify(execFile);

export const REALSERVER_USAGE = `Usage: vipd realserver --vip ADDR [--vip ADDR]...

Prepares this host as a real server of a DR-mode virtual service: adds each VIP to lo
(/32, /128) and sets net.ipv4.conf.all.arp_ignore=1 and arp_announce=2, so the host takes
the director's frames for the VIP without answering ARP for it. Runs until SIGTERM/SIGINT,
then removes those addresses and restores the sysctls. (deploy/systemd/vipd-realserver@.service)

Options:
  --vip ADDR     a VIP of a DR service this host serves (IPv4 or IPv6, no prefix); repeat
  --help

Exit codes: 0 ok, 1 runtime failure, 2 bad usage.`;

const SYSCTLS: Record<string, string> = {
  'net/ipv4/conf/all/arp_ignore': '1',
  'net/ipv4/conf/all/arp_announce': '2',
};

/** Parses the arguments (pure): the VIPs, or a one-line problem. */
export function parseRealserverArgs(argv: readonly string[]): { vips: string[] } | { problem: string } {
  const vips: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--vip=') ? ['--vip', arg.slice(6)] : [arg, undefined];
    if (flag !== '--vip') return { problem: `unknown argument ${JSON.stringify(arg)}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { problem: '--vip needs an address' };
    if (isIP(value) === 0)
      return { problem: `--vip ${JSON.stringify(value)} is not an IP address (no prefix)` };
    if (vips.includes(value)) return { problem: `--vip ${value} given twice` };
    vips.push(value);
  }
  if (vips.length === 0) return { problem: 'give at least one --vip ADDR' };
  return { vips };
}

const hostPrefix = (vip: string) => `${vip}/${isIP(vip) === 6 ? 128 : 32}`;

/** Runs until a signal; resolves with the exit code. */
export async function realserver(argv: string[], log: Logger): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${REALSERVER_USAGE}\n`);
    return 0;
  }
  const parsed = parseRealserverArgs(argv);
  if ('problem' in parsed) exitWith('vipd realserver', 2, parsed.problem);
  const before: Record<string, string> = {};
  const added: string[] = [];
  const undo = async (): Promise<number> => {
    let failed = 0;
    for (const vip of added.splice(0)) {
      try {
        await run('ip', ['addr', 'del', hostPrefix(vip), 'dev', 'lo']);
        log.info({ vip }, 'VIP removed from lo');
      } catch (err) {
        failed++;
        log.error({ vip, err: (err as Error).message.split('\n')[0] }, 'could not remove the VIP from lo');
      }
    }
    for (const [key, value] of Object.entries(before)) {
      try {
        writeFileSync(`/proc/sys/${key}`, value);
      } catch (err) {
        failed++;
        log.error({ sysctl: key, err: (err as Error).message }, 'could not restore a sysctl');
      }
    }
    return failed ? 1 : 0;
  };
  try {
    for (const [key, value] of Object.entries(SYSCTLS)) {
      before[key] = readFileSync(`/proc/sys/${key}`, 'utf8').trim();
      writeFileSync(`/proc/sys/${key}`, value);
    }
    for (const vip of parsed.vips) {
      const { stdout } = await run('ip', ['-json', 'addr', 'show', 'dev', 'lo', 'to', hostPrefix(vip)]);
      if (stdout.includes(vip)) {
        log.warn({ vip }, 'VIP already on lo; left there on stop');
        continue;
      }
      await run('ip', ['addr', 'add', hostPrefix(vip), 'dev', 'lo', ...(isIP(vip) === 6 ? ['nodad'] : [])]);
      added.push(vip);
      log.info({ vip }, 'VIP added to lo');
    }
  } catch (err) {
    log.error({ err: (err as Error).message.split('\n')[0] }, 'cannot prepare the real server; undoing');
    await undo();
    return 1;
  }
  log.info({ vips: parsed.vips, sysctls: SYSCTLS }, 'real server ready');
  await new Promise<void>((resolve) => {
    // Signal listeners alone do not keep node running: this timer does, until a signal comes.
    const keep = setInterval(() => undefined, 1 << 30);
    const stop = (): void => {
      clearInterval(keep);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  const code = await undo();
  log.info({ code }, 'real server stopped; VIPs removed from lo, sysctls restored');
  return code;
}
