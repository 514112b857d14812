// Privileged integration test on real interfaces: a veth pair inside a throwaway network
// namespace. The library runs `ip` in its caller's namespace, so its calls run in a child
// process started with `ip netns exec`, which answers JSON-line requests; this process only
// creates, inspects (`ip -n NS`) and deletes the namespace. Nothing touches the root namespace.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { AddressInfo, LinkInfo } from './parse';

const NS = `vnt-${randomBytes(4).toString('hex')}`;
const LONG_IF = 'vnt-longname12'; // 14 chars: "<ifname>:vip" would not fit in 15.

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'needs iproute2 (`ip`) on PATH';
  }
  return undefined;
}

/** `ip -n NS ARGS…`: setup and independent inspection, always inside the namespace. */
function ipNs(...args: string[]): string {
  return execFileSync('ip', ['-n', NS, ...args], { encoding: 'utf8' });
}

// The child: require the compiled package, answer {id, fn, args} lines with {id, value|error}.
const CHILD = `
const lib = require(${JSON.stringify(`${__dirname}/index.js`)});
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const { id, fn, args } = JSON.parse(line);
  try {
    const value = await lib[fn](...args);
    process.stdout.write(JSON.stringify({ id, value: value === undefined ? null : value }) + '\\n');
  } catch (e) {
    const error = { name: e.name, message: e.message, transient: e.transient, exitCode: e.exitCode };
    process.stdout.write(JSON.stringify({ id, error }) + '\\n');
  }
});`;

interface RemoteError {
  name: string;
  message: string;
}

class NsChild {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (reply: { value?: unknown; error?: RemoteError }) => void>();
  private next = 0;

  constructor() {
    this.child = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', CHILD]);
    this.child.stderr.pipe(process.stderr);
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as { id: number; value?: unknown; error?: RemoteError };
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  /** Call an export of @vipd/netif inside the namespace; remote errors come back as values. */
  async call(fn: string, ...args: unknown[]): Promise<{ value?: unknown; error?: RemoteError }> {
    const id = this.next++;
    const reply = new Promise<{ value?: unknown; error?: RemoteError }>((resolve) =>
      this.pending.set(id, resolve),
    );
    this.child.stdin.write(`${JSON.stringify({ id, fn, args })}\n`);
    return reply;
  }

  async ok<T>(fn: string, ...args: unknown[]): Promise<T> {
    const reply = await this.call(fn, ...args);
    if (reply.error)
      assert.fail(`${fn} failed in the namespace: ${reply.error.name}: ${reply.error.message}`);
    return reply.value as T;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

const v4 = { ifname: 'veth0', address: '198.51.100.10', prefixLen: 24, family: 4 } as const;
const v6 = { ifname: 'veth0', address: '2001:db8::10', prefixLen: 64, family: 6 } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const same = (a: AddressInfo, k: { address: string; prefixLen: number }) =>
  a.address === k.address && a.prefixLen === k.prefixLen;

void describe('netif on real interfaces in a network namespace', { skip: skipReason() }, () => {
  let ns: NsChild;

  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ipNs('link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    ipNs('link', 'add', LONG_IF, 'type', 'veth', 'peer', 'name', 'vnt-peer');
    for (const dev of ['lo', 'veth0', 'veth1', LONG_IF, 'vnt-peer']) ipNs('link', 'set', dev, 'up');
    ns = new NsChild();
  });

  after(() => {
    ns?.close();
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() may have failed before creating it; nothing to clean then.
    }
  });

  // JSON turns an undefined argument into null, so leave it out rather than pass it.
  const addrs = async (ifname?: string) =>
    ns.ok<AddressInfo[]>('listAddresses', ...(ifname === undefined ? [] : [ifname]));

  void it('reads links: existence, admin state and carrier', async () => {
    const link = await ns.ok<LinkInfo>('getLink', 'veth0');
    assert.equal(link.name, 'veth0');
    assert.match(link.mac ?? '', /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    assert.deepEqual([link.adminUp, link.operUp, link.mtu], [true, true, 1500]);
    assert.equal(await ns.ok('getLink', 'nope0'), null);
    ipNs('link', 'set', 'veth1', 'down');
    const noCarrier = await ns.ok<LinkInfo>('getLink', 'veth0');
    ipNs('link', 'set', 'veth1', 'up');
    assert.deepEqual([noCarrier.adminUp, noCarrier.operUp], [true, false]);
    const names = (await ns.ok<LinkInfo[]>('listLinks')).map((l) => l.name).sort();
    assert.deepEqual(names, ['lo', 'veth0', 'veth1', 'vnt-longname12', 'vnt-peer']);
  });

  void it('adds IPv4 and IPv6 with lifetime, never preferred, marked as ours; idempotent', async () => {
    for (let i = 0; i < 2; i++) {
      await ns.ok('addOrRefreshAddress', { ...v4, validLftSec: 30 });
      await ns.ok('addOrRefreshAddress', { ...v6, address: '2001:DB8:0::10', validLftSec: 30 });
    }
    const list = await addrs('veth0');
    const a4 = list.filter((a) => same(a, v4));
    const a6 = list.filter((a) => same(a, v6));
    assert.equal(a4.length, 1, 'one IPv4 entry after two adds');
    assert.equal(a6.length, 1, 'one IPv6 entry after two adds');
    for (const a of [a4[0], a6[0]]) {
      assert.ok(a);
      assert.equal(a.preferredLftSec, 0);
      assert.ok(typeof a.validLftSec === 'number' && a.validLftSec <= 30 && a.validLftSec >= 28);
      assert.ok(a.flags.includes('deprecated'), 'deprecated: never chosen as a source address');
    }
    assert.equal(a4[0]?.label, 'veth0:vip');
    assert.ok(a6[0]?.flags.includes('nodad'));
    assert.ok(!a6[0]?.flags.includes('tentative'), 'usable at once, no DAD');
    // Independently of our parser: the kernel really holds the mark.
    const raw = ipNs('address', 'show', 'dev', 'veth0');
    assert.match(raw, /inet 198\.51\.100\.10\/24 metric 30313 .*veth0:vip/);
    assert.match(raw, /inet6 2001:db8::10\/64 metric 30313 .*nodad/);
    assert.match(ipNs('route', 'show', '198.51.100.0/24'), /metric 30313/);
  });

  void it('refresh resets the valid lifetime', async () => {
    await ns.ok('addOrRefreshAddress', { ...v4, validLftSec: 20 });
    await ns.ok('addOrRefreshAddress', { ...v6, validLftSec: 20 });
    await sleep(2200);
    const aged = (await addrs('veth0')).filter((a) => same(a, v4) || same(a, v6));
    assert.equal(aged.length, 2);
    for (const a of aged) assert.ok((a.validLftSec as number) <= 18, `aged ${a.address}: ${a.validLftSec}`);
    await ns.ok('addOrRefreshAddress', { ...v4, validLftSec: 20 });
    await ns.ok('addOrRefreshAddress', { ...v6, validLftSec: 20 });
    const fresh = (await addrs('veth0')).filter((a) => same(a, v4) || same(a, v6));
    for (const a of fresh)
      assert.ok((a.validLftSec as number) >= 19, `refreshed ${a.address}: ${a.validLftSec}`);
  });

  void it('listOwnedAddresses shows only ours, not look-alikes', async () => {
    ipNs('address', 'add', '203.0.113.50/24', 'dev', 'veth1');
    ipNs('address', 'add', '203.0.113.51/24', 'dev', 'veth0', 'label', 'veth0:vip'); // our label, no mark
    ipNs(
      'address',
      'add',
      '2001:db8:1::50/64',
      'dev',
      'veth0',
      'valid_lft',
      '100',
      'preferred_lft',
      '0',
      'nodad',
    );
    await ns.ok('addOrRefreshAddress', { ...v4, ifname: LONG_IF, address: '198.51.100.20', validLftSec: 30 });
    const owned = await ns.ok<AddressInfo[]>('listOwnedAddresses');
    assert.deepEqual(owned.map((a) => `${a.ifname} ${a.address}/${a.prefixLen}`).sort(), [
      'veth0 198.51.100.10/24',
      'veth0 2001:db8::10/64',
      `${LONG_IF} 198.51.100.20/24`,
    ]);
    // No room for "<ifname>:vip": the kernel's default label, the interface name.
    assert.equal(owned.find((a) => a.ifname === LONG_IF)?.label, LONG_IF);
    const all = await addrs();
    for (const foreign of ['203.0.113.50', '203.0.113.51', '2001:db8:1::50']) {
      assert.ok(
        all.some((a) => a.address === foreign),
        `${foreign} is listed by listAddresses`,
      );
    }
  });

  void it('removes, idempotently, and reports whether it was present', async () => {
    assert.equal(await ns.ok('removeAddress', v4), true);
    assert.equal(await ns.ok('removeAddress', v4), false);
    assert.equal(await ns.ok('removeAddress', { ...v6, address: '2001:db8:0::10' }), true);
    assert.equal(await ns.ok('removeAddress', v6), false);
    const left = (await addrs('veth0')).filter((a) => same(a, v4) || same(a, v6));
    assert.deepEqual(left, []);
    assert.ok(
      (await addrs()).some((a) => a.address === '203.0.113.50'),
      'foreign address untouched',
    );
  });

  void it('a missing interface is InterfaceNotFoundError', async () => {
    const add = await ns.call('addOrRefreshAddress', { ...v4, ifname: 'nope0', validLftSec: 5 });
    assert.equal(add.error?.name, 'InterfaceNotFoundError');
    const list = await ns.call('listAddresses', 'nope0');
    assert.equal(list.error?.name, 'InterfaceNotFoundError');
  });

  void it('an address with valid_lft 2 disappears by itself (IPv4 and IPv6)', async (t: TestContext) => {
    const keys = [
      { ...v4, address: '198.51.100.99' },
      { ...v6, address: '2001:db8::99' },
    ];
    const added = new Map<string, number>();
    for (const key of keys) {
      await ns.ok('addOrRefreshAddress', { ...key, validLftSec: 2 });
      added.set(key.address, performance.now());
    }
    const goneAfter = new Map<string, number>();
    const deadline = performance.now() + 6000;
    while (goneAfter.size < keys.length && performance.now() < deadline) {
      await sleep(20);
      const present = new Set((await addrs('veth0')).map((a) => a.address));
      const now = performance.now();
      for (const key of keys) {
        if (!goneAfter.has(key.address) && !present.has(key.address)) {
          goneAfter.set(key.address, (now - (added.get(key.address) ?? now)) / 1000);
        }
      }
    }
    for (const key of keys) {
      const s = goneAfter.get(key.address);
      const line = `IPv${key.family} valid_lft 2: gone after ${s === undefined ? '>6' : s.toFixed(3)} s`;
      t.diagnostic(line);
      assert.ok(s !== undefined && s >= 1.9 && s <= 4, line);
    }
  });
});
