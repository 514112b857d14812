// interface (keepalived's track_interface): up while the interface exists, is administratively up
// and has carrier. Asked of the kernel over rtnetlink by `ip -json link show dev NAME` (an
// argument array, no shell), so it answers for vipd's own network namespace whatever /sys shows.
import { execFile } from 'node:child_process';
import { errorLine } from '@vipd/log';
import { probeOnce, type ProbeOptions, type ProbeOutcome } from './outcome';
import type { InterfaceCheckSpec } from './spec';

/** What `ip -json link show dev NAME` printed (or its error output), as an outcome. Pure. */
export function linkOutcome(name: string, stdout: string, stderr: string): ProbeOutcome {
  if (/does not exist|Cannot find device/i.test(stderr))
    return { ok: false, timedOut: false, message: `no interface ${name}` };
  let flags: unknown;
  try {
    const rows = JSON.parse(stdout) as { ifname?: unknown; flags?: unknown }[];
    flags = rows.find((r) => r.ifname === name)?.flags;
  } catch {
    return { ok: false, timedOut: false, message: `${name}: cannot read ip's answer: ${errorLine(stderr)}` };
  }
  if (!Array.isArray(flags)) return { ok: false, timedOut: false, message: `no interface ${name}` };
  if (!flags.includes('UP'))
    return { ok: false, timedOut: false, message: `${name} is administratively down` };
  if (!flags.includes('LOWER_UP')) return { ok: false, timedOut: false, message: `${name} has no carrier` };
  return { ok: true, timedOut: false, message: `${name} is up with carrier` };
}

export function probeInterface(
  spec: InterfaceCheckSpec,
  options: ProbeOptions = {},
  ipCommand = 'ip',
): Promise<ProbeOutcome> {
  const name = spec.interface;
  return probeOnce(
    options,
    spec.timeoutMs,
    `reading the state of ${name} timed out after ${spec.timeoutMs} ms`,
    (finish) => {
      const child = execFile(
        ipCommand,
        ['-json', 'link', 'show', 'dev', name],
        { encoding: 'utf8', windowsHide: true },
        (err, stdout, stderr) => {
          if (err && !/does not exist|Cannot find device/i.test(stderr)) {
            finish({ ok: false, timedOut: false, message: `${name}: ${errorLine(stderr || err)}` });
            return;
          }
          finish(linkOutcome(name, stdout, stderr));
        },
      );
      return () => {
        if (child.exitCode === null) child.kill('SIGKILL');
      };
    },
    (err) => ({ ok: false, timedOut: false, message: `${name}: ${errorLine(err)}` }),
  );
}
