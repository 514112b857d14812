// process (keepalived's track_process): up while a process runs, read from /proc. By pid file:
// the PID in the file names a live process that is not a zombie. By name: some process's
// /proc/PID/comm equals the name, or (for names longer than comm's 15 characters) the base
// name of its argv[0] does. Reads only; never signals anything.
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { errorLine } from '@vipd/log';
import { probeOnce, type ProbeOptions, type ProbeOutcome } from './outcome';
import type { ProcessCheckSpec } from './spec';

/** Linux truncates /proc/PID/comm to 15 bytes. */
const COMM_MAX = 15;

export function probeProcess(
  spec: ProcessCheckSpec,
  options: ProbeOptions = {},
  procRoot = '/proc',
): Promise<ProbeOutcome> {
  const what = spec.pidFile !== undefined ? `pid file ${spec.pidFile}` : `process ${spec.process}`;
  return probeOnce(
    options,
    spec.timeoutMs,
    `reading /proc for ${what} timed out after ${spec.timeoutMs} ms`,
    (finish) => {
      const found =
        spec.pidFile !== undefined ? byPidFile(spec.pidFile, procRoot) : byName(spec.process ?? '', procRoot);
      found.then(finish, (err: unknown) =>
        finish({ ok: false, timedOut: false, message: `${what}: ${errorLine(err)}` }),
      );
      return () => undefined;
    },
    (err) => ({ ok: false, timedOut: false, message: `${what}: ${errorLine(err)}` }),
  );
}

async function byPidFile(file: string, procRoot: string): Promise<ProbeOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, timedOut: false, message: `pid file ${file}: ${errorLine(err)}` };
  }
  const pid = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(pid) || pid <= 0) {
    return { ok: false, timedOut: false, message: `pid file ${file} holds no PID` };
  }
  const state = await processState(procRoot, pid);
  if (state === undefined)
    return { ok: false, timedOut: false, message: `PID ${pid} (${file}) is not running` };
  if (state === 'Z') return { ok: false, timedOut: false, message: `PID ${pid} (${file}) is a zombie` };
  return { ok: true, timedOut: false, message: `PID ${pid} (${file}) is running`, pid };
}

async function byName(name: string, procRoot: string): Promise<ProbeOutcome> {
  const comm = name.slice(0, COMM_MAX);
  for (const entry of await readdir(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const own = await readFile(`${procRoot}/${entry}/comm`, 'utf8').catch(() => undefined);
    if (own === undefined || own.replace(/\n$/, '') !== comm) continue;
    if (name.length > COMM_MAX) {
      const argv0 = (await readFile(`${procRoot}/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0')[0];
      if (argv0 === undefined || basename(argv0) !== name) continue;
    }
    if ((await processState(procRoot, pid)) === 'Z') continue;
    return { ok: true, timedOut: false, message: `process ${name} is running (PID ${pid})`, pid };
  }
  return { ok: false, timedOut: false, message: `no process named ${name} is running` };
}

/** The state letter of /proc/PID/stat (R, S, D, Z, …), or undefined when there is no such process. */
async function processState(procRoot: string, pid: number): Promise<string | undefined> {
  const stat = await readFile(`${procRoot}/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The name in parentheses may itself hold spaces and parentheses: the state follows the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || undefined;
}
