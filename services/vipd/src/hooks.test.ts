/**
 * The hook runner against real scripts in a temporary directory (no mocked child_process):
 * environment, output capture, timeouts that kill the process group, retries, per-VIP order,
 * supersede, the concurrency cap, shutdown, and that notify() never waits.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type HookState, hooksSchema, type HooksConfig } from '@vipd/config';
import { memoryLogger, type RecordedLine } from '@vipd/log';
import { HookRunner, type VipTransition } from './hooks';

const dir = mkdtempSync(join(tmpdir(), 'vipd-hooks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let scripts = 0;
/** Writes an executable bash script; `$OUT` in it is a file of its own. */
function script(body: string): { path: string; out: string } {
  const n = ++scripts;
  const path = join(dir, `hook-${n}.sh`);
  const out = join(dir, `out-${n}`);
  writeFileSync(path, `#!/bin/bash\nOUT=${out}\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, out };
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

function runner(hooks: Record<string, unknown>, env: NodeJS.ProcessEnv = { PATH: process.env.PATH }) {
  const recorded: RecordedLine[] = [];
  const log = memoryLogger(recorded);
  const config: HooksConfig = hooksSchema.parse(hooks);
  const r = new HookRunner(config, { node: 'n1', cluster: 'lab', log, env });
  const msgs = (msg: string): RecordedLine[] => recorded.filter((l) => l.msg === msg);
  return { r, recorded, msgs };
}

function t(vip: string, state: HookState, revision: string, reason = 'test'): VipTransition {
  return {
    vip,
    state,
    address: '198.51.100.100',
    prefixLen: 24,
    interface: 'e0',
    revision,
    reason,
    reasonClass: 'other',
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('hook runner', () => {
  it('runs argv with the VIPD_* environment, minus vipd and etcdctl secrets; logs output line by line', async () => {
    const h = script(
      [
        'env | grep -E "^(VIPD_|ETCDCTL_|KEEP_ME=)" | sort > "$OUT"',
        'echo "moved $VIPD_ADDRESS to $VIPD_NODE"',
        'echo "warning: slow API" >&2',
        'exit 0',
      ].join('\n'),
    );
    const env = {
      PATH: process.env.PATH,
      KEEP_ME: 'yes',
      VIPD_ETCD_PASSWORD: 'hunter2',
      ETCDCTL_PASSWORD: 'hunter2',
    };
    const { r, recorded, msgs } = runner({ onMaster: [h.path, 'arg one'] }, env);
    r.notify(t('web', 'master', '42', 'leadership acquired'));
    await r.idle();
    assert.deepEqual(lines(h.out), [
      'KEEP_ME=yes',
      'VIPD_ADDRESS=198.51.100.100',
      'VIPD_ATTEMPT=1',
      'VIPD_CLUSTER=lab',
      'VIPD_INTERFACE=e0',
      'VIPD_NODE=n1',
      'VIPD_PREFIX=24',
      'VIPD_REASON=leadership acquired',
      'VIPD_REVISION=42',
      'VIPD_STATE=master',
      'VIPD_VIP=web',
    ]);
    const output = msgs('hook output').map((l) => [
      l.fields.stream,
      l.fields.line,
      l.fields.vip,
      l.fields.rev,
    ]);
    assert.deepEqual(output, [
      ['stdout', 'moved 198.51.100.100 to n1', 'web', '42'],
      ['stderr', 'warning: slow API', 'web', '42'],
    ]);
    const ok = msgs('hook succeeded')[0];
    assert.equal(ok?.fields.status, 'exit 0');
    assert.equal(ok.fields.state, 'master');
    assert.ok(!JSON.stringify(recorded).includes('hunter2'), 'no secret in any log line');
  });

  it('kills the whole process group on timeout and reports it', async () => {
    const h = script('sleep 30 & echo $! > "$OUT"; echo $$ >> "$OUT"; wait');
    const { r, msgs } = runner({ onFault: [h.path], timeoutMs: 300, retries: 0 });
    const started = Date.now();
    r.notify(t('web', 'fault', '7'));
    await r.idle();
    const took = Date.now() - started;
    assert.ok(took >= 300 && took < 2000, `settled after ${took} ms`);
    const [child, leader] = lines(h.out).map(Number);
    assert.ok(child && leader, 'the script recorded its PIDs');
    await until('the hook and its child to be gone', () => !alive(child) && !alive(leader), 2000);
    const failed = msgs('hook failed; no attempts left')[0];
    assert.equal(failed?.level, 'error');
    assert.match(String(failed.fields.status), /^timed out after 300 ms; process group \d+ killed$/);
  });

  it('retries a failing hook per policy, then reports it at error level', async () => {
    const flaky = script('echo "$VIPD_ATTEMPT" >> "$OUT"; [ "$VIPD_ATTEMPT" -ge 3 ]');
    const { r, msgs } = runner({ onMaster: [flaky.path], retries: 2, retryDelayMs: 50 });
    r.notify(t('web', 'master', '5'));
    await r.idle();
    assert.deepEqual(lines(flaky.out), ['1', '2', '3']);
    const retried = msgs('hook failed; will retry');
    assert.deepEqual(
      retried.map((l) => [l.level, l.fields.attempt, l.fields.status, l.fields.retryInMs]),
      [
        ['warn', 1, 'exit 1', 50],
        ['warn', 2, 'exit 1', 50],
      ],
    );
    assert.equal(msgs('hook succeeded')[0]?.fields.attempt, 3);

    const missing = runner({ onMaster: ['/nonexistent/vipd-hook'], retries: 1, retryDelayMs: 10 });
    missing.r.notify(t('web', 'master', '6'));
    await missing.r.idle();
    const gaveUp = missing.msgs('hook failed; no attempts left')[0];
    assert.equal(gaveUp?.fields.attempt, 2);
    assert.match(String(gaveUp.fields.status), /cannot run \/nonexistent\/vipd-hook: .*ENOENT/);
  });

  it("runs one VIP's hooks in order, never at once; a newer transition skips one not started yet", async () => {
    const h = script(
      'echo "start $VIPD_STATE $VIPD_REVISION" >> "$OUT"; sleep 0.3; echo "end $VIPD_STATE" >> "$OUT"',
    );
    const { r, msgs } = runner({ onMaster: [h.path], onBackup: [h.path], onFault: [h.path] });
    r.notify(t('web', 'master', '10'));
    r.notify(t('web', 'backup', '10'));
    r.notify(t('web', 'fault', '10'));
    await r.idle();
    assert.deepEqual(lines(h.out), ['start master 10', 'end master', 'start fault 10', 'end fault']);
    const skipped = msgs('hook superseded before it started: skipped')[0];
    assert.deepEqual(skipped?.fields.skipped, { state: 'backup', rev: '10', attempt: 1 });
  });

  it('a newer transition abandons the retries of a failed hook and runs at once', async () => {
    const h = script('echo "$VIPD_STATE $VIPD_ATTEMPT" >> "$OUT"; [ "$VIPD_STATE" = backup ]');
    const { r, msgs } = runner({ onMaster: [h.path], onBackup: [h.path], retries: 5, retryDelayMs: 5000 });
    r.notify(t('web', 'master', '20'));
    await until('the first attempt to fail', () => msgs('hook failed; will retry').length === 1);
    const at = Date.now();
    r.notify(t('web', 'backup', '20'));
    await r.idle();
    assert.ok(Date.now() - at < 1000, 'did not wait for the retry delay');
    assert.deepEqual(lines(h.out), ['master 1', 'backup 1']);
    assert.equal(msgs('retries of the previous hook abandoned: superseded by this transition').length, 1);
  });

  it('runs different VIPs in parallel, at most `concurrency` at once', async () => {
    const h = script('echo "+ $VIPD_VIP" >> "$OUT"; sleep 0.3; echo "- $VIPD_VIP" >> "$OUT"');
    const { r } = runner({ onMaster: [h.path], concurrency: 2 });
    const started = Date.now();
    for (const vip of ['a', 'b', 'c', 'd']) r.notify(t(vip, 'master', '1'));
    await r.idle();
    const took = Date.now() - started;
    let running = 0;
    let most = 0;
    for (const line of lines(h.out)) {
      running += line.startsWith('+') ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(most, 2, 'two at once, never more');
    assert.ok(took >= 600 && took < 1500, `four 0.3 s hooks two at a time took ${took} ms`);
  });

  it('notify() returns at once while a hook hangs; shutdown waits for queued hooks, then kills', async () => {
    const hang = script('echo $$ > "$OUT"; exec sleep 30');
    const quick = script('echo "$VIPD_VIP $VIPD_STATE" >> "$OUT"');
    const { r, msgs } = runner({
      onMaster: [hang.path],
      timeoutMs: 60_000,
      vips: { db: { onMaster: null, onBackup: [quick.path] } },
    });
    const before = performance.now();
    r.notify(t('web', 'master', '1'));
    r.notify(t('db', 'backup', '2'));
    r.notify(t('db', 'master', '3')); // null for db: nothing queued
    // The hook sleeps 30 s: returning within a second shows notify() did not wait for it (a
    // spawn alone can take tens of ms on a loaded 2-core machine).
    assert.ok(performance.now() - before < 1000, 'notify() does not wait for any hook');
    await until('the hanging hook to start', () => lines(hang.out).length === 1);
    const pid = Number(lines(hang.out)[0]);
    const stopAt = Date.now();
    await r.stop(500);
    assert.ok(Date.now() - stopAt < 2000, 'shutdown is bounded');
    assert.deepEqual(lines(quick.out), ['db backup'], "db's onBackup ran during the grace");
    await until('the hanging hook to be killed', () => !alive(pid), 2000);
    assert.equal(msgs('hooks still busy at shutdown: killing them')[0]?.fields.running?.toString(), 'web');
    assert.match(String(msgs('hook failed; not retried: vipd is stopping')[0]?.fields.status), /^stopped/);
  });

  it('bounds what it logs of a chatty hook', async () => {
    const h = script(
      'head -c 5000 /dev/zero | tr "\\0" x; echo; for i in $(seq 1 150); do echo "line $i"; done',
    );
    const { r, msgs } = runner({ onBackup: [h.path] });
    r.notify(t('web', 'backup', '9'));
    await r.idle();
    const out = msgs('hook output');
    assert.equal(out.length, 100);
    assert.equal(out[0]?.fields.line, `${'x'.repeat(1000)}…`, 'a long line is cut, logged once');
    assert.equal(out[1]?.fields.line, 'line 1');
    assert.equal(out[99]?.fields.line, 'line 99');
    assert.equal(msgs('hook output truncated')[0]?.fields.droppedLines, 51, 'lines 100 to 150');
  });

  it('warns about hooks.vips names that match no VIP', () => {
    const { r, msgs } = runner({ vips: { web: { onMaster: ['/bin/true'] }, olddb: { onFault: null } } });
    r.checkVipNames(['web', 'api']);
    assert.deepEqual(
      msgs('hooks.vips names a VIP that does not exist (yet); its hooks apply once it does').map((l) => [
        l.level,
        l.fields.vip,
      ]),
      [['warn', 'olddb']],
    );
  });
});
