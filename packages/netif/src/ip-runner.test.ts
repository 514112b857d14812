// Error mapping and argv passing, against fake `ip` executables (no root needed).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addOrRefreshAddress, removeAddress } from './addresses';
import { InterfaceNotFoundError, IpHelperKilledError, IpOutputParseError, NetifError } from './errors';
import { IpBatcher, MAX_BATCH_LINES } from './ip-batcher';
import { IpCoprocess } from './ip-coprocess';
import { classifyIpFailure, ipSupportsAddrProto, parseBatchFailures, runIp } from './ip-runner';
import { getLink, listLinks } from './links';

const dir = mkdtempSync(join(tmpdir(), 'netif-fake-ip-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** An executable that runs `body` (JavaScript; `args` is its argv) and appends argv to a log. */
function fakeIp(body: string): { ipCommand: string; calls: () => string[][] } {
  const path = join(dir, `ip-${count++}`);
  const log = `${path}.log`;
  writeFileSync(
    path,
    `#!${process.execPath}\nconst args = process.argv.slice(2);\n` +
      `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');\n${body}\n`,
  );
  chmodSync(path, 0o755);
  const calls = () =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
  return { ipCommand: path, calls };
}

/**
 * A fake `ip -force -batch -` that reads stdin line by line like the real one: a line naming
 * 2001:db8::2/64 fails with the kernel's message; an unknown object (the batch marker) fails as
 * ip reports it; a line `exit` ends the process; a line `hang` stops answering.
 */
const STREAMING_BATCH = `
  let n = 0, hung = false;
  require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => {
    n++;
    if (hung) return;
    if (l === 'exit') { process.stderr.write('Error: something fatal.\\n'); process.exit(1); }
    if (l === 'hang') { hung = true; return; }
    if (l.includes('2001:db8::2/64')) process.stderr.write('Error: ipv6: address not found.\\nCommand failed -:' + n + '\\n');
    else if (!/^(address|link|route) /.test(l)) process.stderr.write('Object "' + l.split(' ')[0] + '" is unknown, try "ip help".\\nCommand failed -:' + n + '\\n');
  });`;

async function rejection(promise: Promise<unknown>): Promise<NetifError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof NetifError, `expected a NetifError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

void describe('classifyIpFailure', () => {
  void it('maps a missing device to InterfaceNotFoundError only when the call names one', () => {
    const err = classifyIpFailure(['ip', 'x'], 1, '\nCannot find device "eth9"\n', { ifname: 'eth9' });
    assert.ok(err instanceof InterfaceNotFoundError);
    assert.equal(err.ifname, 'eth9');
    assert.equal(err.stderr, 'Cannot find device "eth9"');
    assert.ok(!(classifyIpFailure(['ip'], 1, 'Cannot find device "x"') instanceof InterfaceNotFoundError));
  });
  void it('marks kernel busy answers transient, others final', () => {
    assert.equal(classifyIpFailure(['ip'], 2, 'RTNETLINK answers: Device or resource busy').transient, true);
    assert.equal(
      classifyIpFailure(['ip'], 2, 'Error: Invalid prefix for given prefix length.').transient,
      false,
    );
  });
});

void describe('runIp against a fake ip', () => {
  void it('carries argv, exit code and the first stderr line', async () => {
    const ip = fakeIp(
      "process.stderr.write('\\nRTNETLINK answers: Operation not permitted\\nmore\\n'); process.exit(2);",
    );
    const err = await rejection(runIp(['address', 'show'], ip));
    assert.deepEqual(err.argv, [ip.ipCommand, 'address', 'show']);
    assert.equal(err.exitCode, 2);
    assert.equal(err.stderr, 'RTNETLINK answers: Operation not permitted');
    assert.equal(err.transient, false);
  });

  void it('kills a hung ip and reports a transient error', async () => {
    const ip = fakeIp('setTimeout(() => {}, 60000);');
    const err = await rejection(runIp(['link', 'show'], { ...ip, timeoutMs: 300 }));
    assert.equal(err.transient, true);
    assert.match(err.message, /killed/);
  });

  void it('reports a missing binary as final', async () => {
    const err = await rejection(runIp(['link'], { ipCommand: join(dir, 'no-such-ip') }));
    assert.equal(err.transient, false);
    assert.equal(err.exitCode, undefined);
  });

  void it('turns unparseable output into IpOutputParseError naming the argv', async () => {
    const ip = fakeIp('process.stdout.write(\'[{"ifname":"x"}]\');');
    const err = await rejection(listLinks(ip));
    assert.ok(err instanceof IpOutputParseError);
    assert.deepEqual(err.argv, [ip.ipCommand, '-json', 'link', 'show']);
    assert.equal(err.path, '[0].ifindex');
  });

  void it('getLink: a missing device is undefined, not an error', async () => {
    const ip = fakeIp('process.stderr.write(\'Device "eth9" does not exist.\\n\'); process.exit(1);');
    assert.equal(await getLink('eth9', ip), undefined);
  });
});

void describe('addresses against a fake ip', () => {
  void it('sends proto only when `ip address help` mentions ADDRPROTO', async () => {
    const old = fakeIp(
      "if (args[1] === 'help') { process.stderr.write('Usage: ip address ...\\n'); process.exit(255); }",
    );
    const spec = {
      ifname: 'eth0',
      address: '203.0.113.9',
      prefixLen: 32,
      family: 4,
      validLftSec: 5,
    } as const;
    await addOrRefreshAddress(spec, old);
    await addOrRefreshAddress(spec, old);
    const oldCalls = old.calls().filter((argv) => argv[1] !== 'help');
    assert.equal(old.calls().length, 3, 'help is asked once per ip command');
    assert.ok(oldCalls.every((argv) => !argv.includes('proto')));

    const recent = fakeIp(
      "if (args[1] === 'help') { process.stderr.write('ADDRPROTO := [ NAME | NUMBER ]\\n'); process.exit(255); }",
    );
    await addOrRefreshAddress(spec, recent);
    assert.deepEqual(recent.calls().at(-1)?.slice(-2), ['proto', '0x76']);
  });

  void it('removeAddress: absent is success (false), missing interface is InterfaceNotFoundError', async () => {
    const key = { ifname: 'eth0', address: '2001:db8::5', prefixLen: 128, family: 6 } as const;
    const absent = fakeIp("process.stderr.write('Error: ipv6: address not found.\\n'); process.exit(2);");
    assert.equal(await removeAddress(key, absent), false);
    const present = fakeIp('');
    assert.equal(await removeAddress(key, present), true);
    assert.deepEqual(present.calls()[0], ['address', 'del', '2001:db8::5/128', 'dev', 'eth0']);
    const noDev = fakeIp('process.stderr.write(\'Cannot find device "eth0"\\n\'); process.exit(1);');
    assert.ok((await rejection(removeAddress(key, noDev))) instanceof InterfaceNotFoundError);
  });
});

void describe('ip -batch', () => {
  void it('reads which lines failed and why', () => {
    const stderr =
      'Error: ipv6: address not found.\nCommand failed -:2\nRTNETLINK answers: No such device\nCommand failed -:5\n';
    assert.deepEqual(parseBatchFailures(stderr), [
      { line: 2, message: 'Error: ipv6: address not found.' },
      { line: 5, message: 'RTNETLINK answers: No such device' },
    ]);
    assert.deepEqual(parseBatchFailures(''), []);
  });

  void it('runs the calls made together in one ip process, each with its own outcome', async () => {
    // The fake fails every line that deletes 2001:db8::2, the way ip -force -batch reports it.
    const ip = fakeIp(`
      if (!args.includes('-batch')) process.exit(255); // 'address help': no proto support
      ${STREAMING_BATCH}`);
    const batch = new IpBatcher({ ipCommand: ip.ipCommand });
    await ipSupportsAddrProto({ ipCommand: ip.ipCommand }); // asked once per ip binary, then cached
    const key = (address: string) => ({ ifname: 'e0', address, prefixLen: 64, family: 6 as const });
    const results = await Promise.all([
      addOrRefreshAddress({ ...key('2001:db8::1'), validLftSec: 2 }, { ipCommand: ip.ipCommand, batch }),
      removeAddress(key('2001:db8::2'), { ipCommand: ip.ipCommand, batch }),
      removeAddress(key('2001:db8::3'), { ipCommand: ip.ipCommand, batch }),
    ]);
    // Only the -batch call (the proto support probe runs alone, before the batch).
    const batches = ip.calls().filter((c) => c.includes('-batch'));
    assert.deepEqual(batches, [['-force', '-batch', '-']]);
    assert.equal(batch.batches, 1);
    assert.equal(batch.commands, 3);
    // The absent address reads as "already gone", the others as done.
    assert.deepEqual(results, [undefined, false, true]);
    // Later calls go to the same ip process.
    assert.equal(await removeAddress(key('2001:db8::2'), { ipCommand: ip.ipCommand, batch }), false);
    assert.equal(ip.calls().filter((c) => c.includes('-batch')).length, 1);
    batch.close();
  });

  void it('many calls at once go in batches of at most MAX_BATCH_LINES, one ip process', async () => {
    const ip = fakeIp(`
      if (!args.includes('-batch')) process.exit(255);
      ${STREAMING_BATCH}`);
    const batch = new IpBatcher({ ipCommand: ip.ipCommand });
    const key = (i: number) => ({
      ifname: 'e0',
      address: `2001:db8::1:${i.toString(16)}`,
      prefixLen: 64,
      family: 6 as const,
    });
    const n = 2 * MAX_BATCH_LINES + 10;
    const results = await Promise.all(
      [...Array(n).keys()].map((i) => removeAddress(key(i + 3), { ipCommand: ip.ipCommand, batch })),
    );
    assert.equal(results.filter((r) => r === true).length, n);
    assert.equal(batch.commands, n);
    assert.equal(batch.batches, 3);
    assert.equal(ip.calls().filter((c) => c.includes('-batch')).length, 1);
    batch.close();
  });

  void it('a removal whose ip died under it (a fence kills it) is made again; an add is not', async () => {
    // The first ip process dies on its first line, as when the fence switch SIGKILLs it.
    const flag = join(dir, `died-${count}`);
    const ip = fakeIp(`
      if (!args.includes('-batch')) process.exit(255);
      const fs = require('node:fs');
      if (!fs.existsSync(${JSON.stringify(flag)})) {
        require('node:readline').createInterface({ input: process.stdin }).once('line', () => {
          fs.writeFileSync(${JSON.stringify(flag)}, '');
          process.exit(137);
        });
      } else { ${STREAMING_BATCH} }`);
    const opts = { ipCommand: ip.ipCommand, batch: new IpBatcher({ ipCommand: ip.ipCommand }) };
    await ipSupportsAddrProto({ ipCommand: ip.ipCommand });
    const key = { ifname: 'e0', address: '2001:db8::7', prefixLen: 64, family: 6 as const };
    assert.equal(await removeAddress(key, opts), true);
    assert.equal(opts.batch.starts(), 2);
    opts.batch.close(); // the next batch starts a new ip, which dies again
    rmSync(flag);
    const err = await rejection(addOrRefreshAddress({ ...key, validLftSec: 2 }, opts));
    assert.equal(err.transient, true, 'the add fails; the controller decides again');
    assert.equal(opts.batch.starts(), 3);
    opts.batch.close();
  });
});

void describe('IpCoprocess', () => {
  const del = (address: string) => ['address', 'del', `${address}/64`, 'dev', 'e0'];

  void it('runs batches in one ip process, pipelined, each with its own failures', async () => {
    const ip = fakeIp(STREAMING_BATCH);
    const co = new IpCoprocess({ ipCommand: ip.ipCommand });
    const [a, b] = await Promise.all([
      co.run([del('2001:db8::1'), del('2001:db8::2'), del('2001:db8::3')]),
      co.run([del('2001:db8::2'), del('2001:db8::4')]),
    ]);
    assert.deepEqual(a.failed, [{ line: 2, message: 'Error: ipv6: address not found.' }]);
    assert.deepEqual(b.failed, [{ line: 1, message: 'Error: ipv6: address not found.' }]);
    assert.deepEqual((await co.run([del('2001:db8::5')])).failed, []);
    assert.equal(co.starts, 1);
    assert.equal(ip.calls().length, 1);
    co.close();
  });

  void it('rejects what ip had not finished when it dies, and starts a new one next time', async () => {
    const ip = fakeIp(STREAMING_BATCH);
    const co = new IpCoprocess({ ipCommand: ip.ipCommand });
    const err = await rejection(co.run([del('2001:db8::1'), ['exit']]));
    assert.match(err.message, /exited \(code 1\): Error: something fatal\./);
    assert.equal(err.transient, true);
    assert.deepEqual((await co.run([del('2001:db8::2')])).failed, [
      { line: 1, message: 'Error: ipv6: address not found.' },
    ]);
    assert.equal(co.starts, 2);
    co.close();
  });

  void it('says when ip was SIGKILLed by someone else (a fence), and only then', async () => {
    const ip = fakeIp(STREAMING_BATCH);
    let pid: number | undefined;
    const co = new IpCoprocess({ ipCommand: ip.ipCommand, onProcess: (p) => (pid ??= p) });
    const pending = rejection(co.run([['hang']]));
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(pid !== undefined);
    process.kill(pid, 'SIGKILL');
    const err = await pending;
    assert.ok(err instanceof IpHelperKilledError, `${err.name}: ${err.message}`);
    assert.match(err.message, /exited \(SIGKILL\)/);
    // Its own exit, and its own kill after a timeout, are not a fence.
    const exited = await rejection(co.run([del('2001:db8::1'), ['exit']]));
    assert.equal(exited instanceof IpHelperKilledError, false);
    co.close();
  });

  void it('gives up on an ip that stops answering, kills it, and starts a new one', async () => {
    const ip = fakeIp(STREAMING_BATCH);
    const co = new IpCoprocess({ ipCommand: ip.ipCommand, timeoutMs: 1500 });
    const started = Date.now();
    const err = await rejection(co.run([['hang']]));
    assert.match(err.message, /no answer within 1500 ms/);
    assert.ok(Date.now() - started < 6000);
    assert.deepEqual((await co.run([del('2001:db8::3')])).failed, []);
    assert.equal(co.starts, 2);
    co.close();
  });

  void it('refuses arguments with whitespace and a missing binary with a typed error', async () => {
    const co = new IpCoprocess({ ipCommand: join(dir, 'no-such-ip') });
    assert.throws(() => void co.run([['address', 'add', '1 2']]), /whitespace/);
    const err = await rejection(co.run([del('2001:db8::1')]));
    assert.match(err.message, /no-such-ip/);
  });
});
