import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { memoryLogger, type RecordedLine, silentLogger } from '@vipd/log';
import { parseStatusArgs, readStatusSocket } from './status-command';
import {
  formatDuration,
  formatStatus,
  type NodeStatus,
  parseStatus,
  socketErrorLine,
  StatusFormatError,
} from './status-report';
import { StatusServer } from './status-socket';

const VIPD_BIN = join(__dirname, '..', 'bin', 'vipd');

function sample(): NodeStatus {
  return {
    version: 1,
    now: '2026-12-07T12:00:10.000Z',
    node: {
      name: 'n1',
      cluster: 'lab',
      pid: 4242,
      vipdVersion: '0.1.0',
      startedAt: '2026-12-07T11:58:00.000Z',
      ready: true,
      drained: false,
      unready: [],
    },
    vipsKnown: 2,
    held: [
      {
        name: 'web',
        address: '198.51.100.100/24',
        interface: 'e0',
        since: '2026-12-07T12:00:00.000Z',
        revision: '57',
      },
    ],
    peers: [
      {
        name: 'n2',
        address: '198.51.100.12:7400',
        connected: true,
        suspect: false,
        lastBeatMsAgo: 42,
        health: 'SERVING',
        etcdOk: true,
        held: [{ name: 'api', revision: '61' }],
      },
      {
        name: 'n3',
        address: '198.51.100.13:7400',
        connected: false,
        suspect: false,
        lastBeatMsAgo: null,
        health: null,
        etcdOk: null,
        held: null,
      },
    ],
    deadlines: {
      leaseId: '694d8a1f2b3c4d5e',
      etcdOk: true,
      leaseLeftMs: 1890,
      contactLeftMs: 640,
      holdLeftMs: 640,
    },
    agent: { mode: 'child', socket: null, restarts: 0, fences: 0, lastFence: null },
  };
}

describe('vipd status: the report', () => {
  it('prints held VIPs, peers, deadlines and the agent so a person can read them', () => {
    const text = formatStatus(sample());
    assert.match(text, /^node n1 \(cluster lab\): ready; vipd 0\.1\.0, pid 4242, up since .*\(2m10s ago\)$/m);
    assert.match(text, /^held VIPs: 1 of 2 known$/m);
    assert.match(text, /^ {2}web +198\.51\.100\.100\/24 +e0 +2026-12-07T12:00:00\.000Z \(10\.0s ago\) +57$/m);
    assert.match(text, /^ {2}n2 +198\.51\.100\.12:7400 +alive +42ms ago +ok +api@61$/m);
    assert.match(text, /^ {2}n3 .* never heard +- +- +unknown$/m);
    assert.match(text, /lease deadline +1\.9s left/);
    assert.match(text, /contact deadline +640ms left/);
    assert.match(text, /694d8a1f2b3c4d5e, etcd ok/);
    assert.match(text, /mode +child of vipd/);
    assert.match(text, /fences +none$/m);
    assert.doesNotMatch(text, / $/m, 'no trailing blanks');
  });

  it('shows BGP mode: gobgpd, the routes announced and each session; nothing without bgp:', () => {
    const text = formatStatus({
      ...sample(),
      bgp: {
        running: true,
        announced: ['203.0.113.200/32'],
        peers: [{ address: '198.51.100.1', asn: 64500, state: 'ESTABLISHED' }],
      },
    });
    assert.match(text, /^bgp: gobgpd running; announced: 203\.0\.113\.200\/32$/m);
    assert.match(text, /^ {2}198\.51\.100\.1 +64500 +ESTABLISHED$/m);
    assert.doesNotMatch(formatStatus({ ...sample(), bgp: null }), /^bgp:/m);
  });

  it('says when a deadline passed or does not apply, and names the last fence', () => {
    const s = sample();
    const alone = formatStatus({ ...s, deadlines: { ...s.deadlines, contactLeftMs: null } });
    assert.match(alone, /contact deadline +- \(not in force: takeover off, or no peers\)$/m);
    s.deadlines = { leaseId: null, etcdOk: false, leaseLeftMs: null, contactLeftMs: -1500, holdLeftMs: null };
    s.agent = {
      mode: 'service',
      socket: '/run/vipd-agent/agent.sock',
      restarts: 1,
      fences: 2,
      lastFence: { at: '2026-12-07T12:00:08.000Z', reason: 'deadline', removed: 3, failed: 0 },
    };
    s.node.drained = true;
    s.node.ready = false;
    const text = formatStatus(s);
    assert.match(text, /: not ready, drained;/);
    assert.match(text, /lease +no session/);
    assert.match(text, /contact deadline +passed 1\.5s ago/);
    assert.match(text, /mode +service at \/run\/vipd-agent\/agent\.sock/);
    assert.match(text, /fences +2; last .*\(2\.0s ago\), deadline, 3 removed$/m);
  });

  it('reads back what it wrote, and refuses a document of another shape with one line', () => {
    assert.deepEqual(parseStatus(JSON.stringify(sample())), sample());
    const bad = (doc: unknown, re: RegExp) =>
      assert.throws(
        () => parseStatus(typeof doc === 'string' ? doc : JSON.stringify(doc)),
        (err: unknown) =>
          err instanceof StatusFormatError && re.test(err.message) && !err.message.includes('\n'),
      );
    bad('not json', /not JSON/);
    bad({ ...sample(), version: 2 }, /version 2 from the daemon/);
    bad({ ...sample(), held: [{ name: 'web' }] }, /held\[0\]\.address is not string/);
    bad(
      { ...sample(), deadlines: { ...sample().deadlines, leaseLeftMs: 'soon' } },
      /leaseLeftMs is not number or null/,
    );
    bad({ error: 'boom' }, /could not report: boom/);
  });

  it('formats durations the way people read them', () => {
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(2440), '2.4s');
    assert.equal(formatDuration(192_000), '3m12s');
    assert.equal(formatDuration(5 * 3600_000 + 2 * 60_000), '5h02m');
    assert.equal(formatDuration(-900), '-900ms');
  });

  it('turns socket errors into one line that says what to do', () => {
    const e = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
    assert.match(
      socketErrorLine(e('ENOENT'), '/run/vipd/status.sock'),
      /no status socket at \/run\/vipd\/status\.sock: is vipd running\?/,
    );
    assert.match(socketErrorLine(e('ECONNREFUSED'), '/x'), /vipd is not running/);
    assert.match(socketErrorLine(e('EACCES'), '/x'), /permission denied on \/x: run as root/);
  });
});

describe('vipd status: arguments', () => {
  it('takes --socket, --config and -o', () => {
    assert.deepEqual(parseStatusArgs([]), { socket: undefined, config: undefined, output: 'text' });
    assert.deepEqual(parseStatusArgs(['--socket', '/s', '-o', 'json']), {
      socket: '/s',
      config: undefined,
      output: 'json',
    });
    assert.deepEqual(parseStatusArgs(['--config=/etc/vipd.yaml']), {
      socket: undefined,
      config: '/etc/vipd.yaml',
      output: 'text',
    });
    assert.match((parseStatusArgs(['-o', 'yaml']) as { problem: string }).problem, /text or json/);
    assert.match((parseStatusArgs(['--socket']) as { problem: string }).problem, /needs a path/);
    assert.match((parseStatusArgs(['--all']) as { problem: string }).problem, /unknown argument "--all"/);
  });
});

describe('vipd status: the socket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-status-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers each connection with one document, mode 0600, and is gone after close', async () => {
    const path = join(dir, 'sub', 'status.sock');
    let asked = 0;
    const server = new StatusServer(path, () => (asked++, sample()), silentLogger());
    assert.equal(await server.listen(), true);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(parseStatus(await readStatusSocket(path)), sample());
    assert.deepEqual(parseStatus(await readStatusSocket(path)), sample());
    assert.equal(asked, 2);
    // A second daemon pointed at the same path leaves the live one alone.
    const second = new StatusServer(path, sample, silentLogger());
    assert.equal(await second.listen(), false);
    assert.deepEqual(parseStatus(await readStatusSocket(path)), sample());
    await server.close();
    await assert.rejects(readStatusSocket(path), { code: 'ENOENT' });
  });

  it('replaces a socket file left by a dead daemon', async () => {
    const path = join(dir, 'stale.sock');
    // What a SIGKILLed daemon leaves: the socket file, nobody listening on it.
    const child = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`,
    ]);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(statSync(path).isSocket(), 'the dead listener left its socket file');
    await assert.rejects(readStatusSocket(path), { code: 'ECONNREFUSED' });
    const next = new StatusServer(path, sample, silentLogger());
    assert.equal(await next.listen(), true);
    assert.equal(parseStatus(await readStatusSocket(path)).node.name, 'n1');
    await next.close();
  });

  it('never deletes a file that is not a socket (a statusSocket naming a file by mistake)', async () => {
    const path = join(dir, 'vipd.yaml');
    writeFileSync(path, 'node: { name: n1 }\n');
    const lines: RecordedLine[] = [];
    assert.equal(await new StatusServer(path, sample, memoryLogger(lines)).listen(), false);
    assert.equal(readFileSync(path, 'utf8'), 'node: { name: n1 }\n');
    assert.match(String(lines.at(-1)?.fields.err), /exists and is not a socket/);
  });

  it('`vipd status` exits 1 with one line when nothing listens, 2 on bad usage', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [VIPD_BIN, 'status', ...args], (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
      });
    const missing = await run(['--socket', join(dir, 'none.sock')]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^vipd status: no status socket at .*none\.sock: is vipd running\?.*\n$/);
    const usage = await run(['-o', 'yaml']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^vipd status: -o takes text or json, not "yaml"\n$/);
  });
});
