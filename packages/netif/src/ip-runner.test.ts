// Error mapping and argv passing, against fake `ip` executables (no root needed).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addOrRefreshAddress, removeAddress } from './addresses';
import { InterfaceNotFoundError, IpOutputParseError, NetifError } from './errors';
import { classifyIpFailure, runIp } from './ip-runner';
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
