// The virtual MAC (keepalived's use_vmac) through the kernel agent, on real interfaces: a veth
// pair in a throwaway network namespace, the agent run inside it by a wrapper (as in
// kernel-agent.test.ts); links and addresses read back with `ip -n -json`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { type AgentFence, DEFAULT_AGENT_BINARY, KernelAgent } from './kernel-agent';
import { vmacAddress, vmacName, vmacSpec } from './vmac';

const NS = `vkv-${randomBytes(4).toString('hex')}`;
const DIR = mkdtempSync(join(tmpdir(), 'vipd-agent-vmac-'));
const WRAPPER = join(DIR, 'agent-in-ns');

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  return undefined;
}

const ipNs = (...args: string[]): string => execFileSync('ip', ['-n', NS, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LinkRow {
  ifname: string;
  address: string;
  flags: string[];
  link?: string;
  addr_info?: { local: string; family: string }[];
  linkinfo?: { info_kind: string; info_data?: { mode?: string } };
}

function link(name: string): LinkRow | undefined {
  const rows = JSON.parse(ipNs('-d', '-json', 'address', 'show')) as LinkRow[];
  return rows.find((r) => r.ifname === name);
}

void describe('virtual MAC names and addresses', () => {
  void it('is the VRRP MAC of the id (IPv4 00:00:5e:00:01:ID, IPv6 00:00:5e:00:02:ID); ids 1..255', () => {
    assert.equal(vmacAddress(4, 51), '00:00:5e:00:01:33');
    assert.equal(vmacAddress(6, 255), '00:00:5e:00:02:ff');
    assert.equal(vmacName(4, 7), 'vmac4.7');
    assert.deepEqual(vmacSpec('e0', 6, 1), { parent: 'e0', name: 'vmac6.1', mac: '00:00:5e:00:02:01' });
    assert.throws(() => vmacAddress(4, 0), /1\.\.255/);
    assert.throws(() => vmacName(4, 256), /1\.\.255/);
  });
});

void describe('kernel agent: virtual MAC macvlan, on real interfaces', { skip: skipReason() }, () => {
  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ipNs('link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    ipNs('link', 'add', 'other0', 'type', 'veth', 'peer', 'name', 'other1');
    for (const dev of ['lo', 'veth0', 'veth1']) ipNs('link', 'set', dev, 'up');
    writeFileSync(WRAPPER, `#!/bin/sh\nexec ip netns exec ${NS} ${DEFAULT_AGENT_BINARY} "$@"\n`);
    chmodSync(WRAPPER, 0o755);
  });

  after(() => {
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() failed before creating it
    }
    rmSync(DIR, { recursive: true, force: true });
  });

  void it(
    'creates the macvlan (private mode) with the MAC, up; the VIP on it; the fence deletes it',
    { timeout: 20_000 },
    async () => {
      const agent = new KernelAgent({ binaryPath: WRAPPER });
      const fences: AgentFence[] = [];
      agent.on('fenced', (f: AgentFence) => fences.push(f));
      const vmac = vmacSpec('veth0', 4, 51);
      try {
        assert.equal(await agent.ready, true);
        await Promise.all([
          agent.addVmac(vmac),
          agent.add({
            ifname: vmac.name,
            address: '198.51.100.10',
            prefixLen: 24,
            family: 4,
            validLftSec: 30,
          }),
        ]);
        const l = link('vmac4.51');
        assert.equal(l?.address, '00:00:5e:00:01:33');
        assert.ok(l?.flags.includes('UP'), JSON.stringify(l));
        assert.equal(l?.link, 'veth0');
        assert.equal(l?.linkinfo?.info_kind, 'macvlan');
        assert.equal(l?.linkinfo?.info_data?.mode, 'private');
        assert.deepEqual(
          l?.addr_info?.filter((a) => a.family === 'inet').map((a) => a.local),
          ['198.51.100.10'],
        );
        await agent.addVmac(vmac); // again: an update, not an error
        // A name taken by an interface that is not a macvlan is refused, and that one left alone.
        await assert.rejects(agent.addVmac({ parent: 'veth0', name: 'other0', mac: vmac.mac }));
        assert.ok(link('other0'));
        assert.equal(await agent.removeVmac('vmac4.51'), true);
        assert.equal(await agent.removeVmac('vmac4.51'), false, 'absent is not an error');
        assert.equal(link('vmac4.51'), undefined);

        await agent.addVmac(vmac);
        await agent.add({
          ifname: vmac.name,
          address: '198.51.100.10',
          prefixLen: 24,
          family: 4,
          validLftSec: 30,
        });
        assert.ok(agent.fenceNow());
        const start = Date.now();
        while (fences.length === 0 && Date.now() - start < 3000) await sleep(5);
        assert.equal(fences[0]?.failed, 0);
        // The address is tracked since its first add (a removeVmac deletes the addresses on it without
        // the agent knowing): the macvlan goes first, and the address with it (counted absent).
        assert.equal((fences[0]?.removed ?? 0) + (fences[0]?.absent ?? 0), 2, 'the address and the macvlan');
        assert.equal(link('vmac4.51'), undefined, 'the fence deleted the macvlan');
      } finally {
        await agent.close();
      }
    },
  );

  void it('refuses bad and truncated vmac commands with an answer', { timeout: 20_000 }, async () => {
    const child = spawn(WRAPPER, [], { stdio: ['pipe', 'pipe', 'ignore'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
    const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const cmds = [
      'vmac-add 1 1 veth0 vmac4.1 00:00:5e:00:01:01', // fine
      'vmac-add 2 1 veth0 vmac4.2 00:00:5e:00:01', // short MAC
      'vmac-add 3 1 veth0 vmac4.3 01:00:5e:00:01:03', // multicast MAC
      'vmac-add 4 1 veth0 vmac4.4', // truncated
      'vmac-add 5 1 veth0 veth0 00:00:5e:00:01:05', // itself as parent
      'vmac-add 6 1 nope0 vmac4.6 00:00:5e:00:01:06', // no parent
      'vmac-add 7 1 veth0 a/b 00:00:5e:00:01:07', // bad name
      'vmac-del 8 vmac4.9', // absent
      'vmac-del 9', // truncated
      'vmac-add 10 5 veth0 vmac4.10 00:00:5e:00:01:0a', // old epoch
    ];
    child.stdin.write(`${cmds.join('\n')}\nvmac-add\nvmac-add 11 1 veth0 vmac4.11 00:00:5e:00:01:0`);
    const start = Date.now();
    while (!lines.some((l) => /^(ok|err|absent|stale) 10( |$)/.test(l)) && Date.now() - start < 3000)
      await sleep(5);
    const answers = lines
      .filter((l) => /^(ok|err|absent|stale|untracked) /.test(l))
      .map((l) => l.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(answers, [
      'ok 1',
      'err 2 EINVAL',
      'err 3 EINVAL',
      'err 4 EINVAL',
      'err 5 EINVAL',
      'err 6 ENODEV',
      'err 7 EINVAL',
      'absent 8',
      'err 9 EINVAL',
      'stale 10 1',
    ]);
    assert.ok(link('vmac4.1'));
    child.stdin.end();
    assert.equal(await exit, 0);
    assert.ok(
      lines.some((l) => l.startsWith('fenced eof 2 1 0 0 ')),
      lines.join('\n'),
    );
    assert.equal(link('vmac4.1'), undefined);
  });
});
