/**
 * What deploy/systemd/vipd.service promises, in a namespace lab with a real etcd: its
 * ExecStopPost (`vipd --cleanup`) removes a killed vipd's VIPs at once and nothing else, and
 * vipd works with exactly the unit's capabilities as an unprivileged user. Commands and
 * capabilities are read from the unit file, so the test follows the unit.
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil, sleep } from '../harness/proc';
import { type Lab, withLab } from '../lab';
import { readUnitFile, unitCapabilities, unitCommand, unitValue } from '../deploy/unit-file';
import { REPO_ROOT, VIPD_BIN } from '../harness/paths';
import { VipdCluster } from './vipd-cluster';

const skip = skipUnlessRoot(__filename);
const UNIT = readUnitFile(join(REPO_ROOT, 'deploy', 'systemd', 'vipd.service'));
const VIP4 = '198.51.100.100/24';
const VIP6 = '2001:db8::100/64';
/** Long enough that the kernel lifetime (15 s) cannot be what removes a VIP in this test. */
const TTL = 20;
const specs = [
  { name: 'db', address: VIP4, interface: 'e0', nodes: { n1: { priority: 100 } } },
  { name: 'db6', address: VIP6, interface: 'e0', nodes: { n1: { priority: 100 } } },
];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs argv in n1's namespace; never rejects. */
function runOnN1(lab: Lab, argv: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile('ip', ['netns', 'exec', lab.nsName('n1'), ...argv], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The unit's command with the install paths (/usr/bin/node, /opt/vipd, /etc/vipd/vipd.yaml) mapped here. */
function localCommand(key: string, configFile: string): string[] {
  return unitCommand(UNIT, key).map((arg) =>
    arg === '/usr/bin/node'
      ? process.execPath
      : arg === '/etc/vipd/vipd.yaml'
        ? configFile
        : arg.replace(/^\/opt\/vipd\//, `${REPO_ROOT}/`),
  );
}

/** The kernel agent (vipd-agent, also the dead-man's switch) that vipd (pid) runs. */
function fenceOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  const fence = children.map(Number).find((c) => {
    try {
      return readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'vipd-agent';
    } catch {
      return false;
    }
  });
  if (fence === undefined) throw new Error(`vipd ${pid} runs no vipd-agent`);
  return fence;
}

function isGone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Seconds of valid lifetime the kernel still gives the address on n1's e0. */
async function lifetimeOf(lab: Lab, address: string): Promise<number | undefined> {
  const out = await lab.exec('n1', ['ip', '-json', 'addr', 'show', 'dev', 'e0']);
  const [link] = JSON.parse(out) as {
    addr_info: { local: string; prefixlen: number; valid_life_time: number }[];
  }[];
  return link?.addr_info.find((a) => `${a.local}/${a.prefixlen}` === address)?.valid_life_time;
}

function logLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

void describe('deploy/systemd/vipd.service in a namespace lab', { skip }, () => {
  void it('ExecStopPost (vipd --cleanup) removes a SIGKILLed unit’s VIPs at once, and no other address', async () => {
    await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
      const cluster = new VipdCluster(lab, await lab.startEtcd(), { ttlSeconds: TTL });
      try {
        // The operator's own addresses: a plain one, and one that even carries the label.
        await lab.exec('n1', ['ip', 'addr', 'add', '198.51.100.200/24', 'dev', 'e0']);
        await lab.exec('n1', ['ip', 'addr', 'add', '198.51.100.201/24', 'dev', 'e0', 'label', 'e0:vip']);
        for (const s of specs) await cluster.putVip(s);
        // A virtual service on db: its rules (nftables) must go with the unit too.
        const service = {
          name: 'svc',
          vip: 'db',
          port: 80,
          check: { type: 'none' },
          backends: [{ address: '198.51.100.21', port: 80 }],
        };
        await cluster.etcdctl(['put', '/vipd/lab/services/svc', JSON.stringify(service)]);
        const vipd = cluster.start('n1');
        for (const s of specs) await cluster.waitHolder(s.address, ['n1', 'n2'], 15_000, 'n1');
        await pollUntil(
          async () =>
            (await lab.exec('n1', ['nft', 'list', 'tables'])).includes('vipd_svc') ? true : undefined,
          {
            timeoutMs: 5000,
            what: 'the service rules on n1',
          },
        );

        // `systemctl kill -s KILL vipd` / the OOM killer: the whole unit at once, so not even the
        // dead-man's switch can act (it is frozen first, then both are killed).
        const fence = fenceOf(vipd.pid!);
        process.kill(fence, 'SIGSTOP');
        await cluster.signal('n1', 'SIGKILL');
        process.kill(fence, 'SIGKILL');
        await pollUntil(async () => (isGone(fence) ? true : undefined), {
          timeoutMs: 3000,
          what: 'vipd-agent gone',
        });
        await sleep(300);
        for (const s of specs) {
          const left = await lifetimeOf(lab, s.address);
          assert.ok(
            left !== undefined && left > 10,
            `${s.address} outlives the unit (kernel lifetime ${left} s)`,
          );
        }

        const file = cluster.configFile('n1');
        const command = localCommand('ExecStopPost', file);
        assert.deepEqual(command.slice(1), [VIPD_BIN, '--cleanup', '--config', file]);
        const t0 = Date.now();
        const res = await runOnN1(lab, command);
        const tookMs = Date.now() - t0;
        assert.equal(res.code, 0, res.stderr);
        const after = await lab.addresses('n1');
        for (const s of specs) assert.ok(!after.includes(s.address), `${s.address} removed by the cleanup`);
        assert.doesNotMatch(
          await lab.exec('n1', ['nft', 'list', 'tables']),
          /vipd_svc/,
          'service rules removed',
        );
        assert.ok(tookMs < 5000, `cleanup took ${tookMs} ms`);
        for (const a of ['198.51.100.200/24', '198.51.100.201/24', '198.51.100.11/24', '2001:db8::11/64']) {
          assert.ok(after.includes(a), `${a} left alone`);
        }
        const removed = logLines(res.stderr).filter((l) => l.msg === 'removed a VIP address left by vipd');
        assert.deepEqual(removed.map((l) => `${String(l.address)} ${String(l.interface)}`).sort(), [
          `${VIP4} e0`,
          `${VIP6} e0`,
        ]);
        console.log(`cleanup removed ${removed.length} VIPs in ${tookMs} ms (kernel lifetime left: >10 s)`);

        const again = await runOnN1(lab, command);
        assert.equal(again.code, 0, again.stderr);
        assert.equal(logLines(again.stderr).find((l) => l.msg === 'cleanup done')?.removed, 0);
      } finally {
        await cluster.stopAll();
      }
    });
  });

  void it('with only the unit’s capabilities, as an unprivileged user, vipd holds, announces and fences', async () => {
    const ambient = unitCapabilities(UNIT, 'AmbientCapabilities');
    assert.deepEqual(ambient, ['CAP_NET_ADMIN', 'CAP_NET_RAW']);
    const caps = ambient.map((c) => `+${c.replace(/^CAP_/, '').toLowerCase()}`).join(',');
    await withLab({ nodes: 2, etcd: true, ipv6: true }, async (lab) => {
      const cluster = new VipdCluster(lab, await lab.startEtcd(), { ttlSeconds: TTL });
      let vipd: ChildProcess | undefined;
      try {
        for (const s of specs) await cluster.putVip(s);
        const file = cluster.configFile('n1');
        chmodSync(lab.dir, 0o755); // user nobody reads the config
        chmodSync(file, 0o644);
        // What RuntimeDirectory= makes: the status socket's folder, the unit's User='s own.
        assert.equal(unitValue(UNIT, 'Service', 'RuntimeDirectory'), 'vipd');
        const runDir = dirname(cluster.statusSocket('n1'));
        const mode = parseInt(unitValue(UNIT, 'Service', 'RuntimeDirectoryMode') ?? '755', 8);
        mkdirSync(runDir, { mode });
        chownSync(runDir, 65534, 65534);
        const logFile = join(lab.logDir, 'vipd-n1-nobody.log');
        // What systemd does with Nice= (as root, before it drops privileges), User= (here
        // nobody), the capability settings and NoNewPrivileges.
        const nice = unitValue(UNIT, 'Service', 'Nice') ?? '0';
        const setpriv = ['nice', '-n', nice, 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
        setpriv.push(`--inh-caps=-all,${caps}`, `--ambient-caps=-all,${caps}`, `--bounding-set=-all,${caps}`);
        setpriv.push('--no-new-privs', '--');
        vipd = lab.spawn('n1', [...setpriv, ...localCommand('ExecStart', file)], { logFile });
        for (const s of specs) await cluster.waitHolder(s.address, ['n1', 'n2'], 15_000, 'n1');
        const status = readFileSync(`/proc/${vipd.pid}/status`, 'utf8');
        assert.match(status, /^Uid:\s+65534\s/m);
        assert.match(status, /^CapEff:\s+0000000000003000$/m, 'CAP_NET_ADMIN and CAP_NET_RAW only');
        // The unit's Nice= holds, and vipd, unprivileged, neither fails nor undoes it.
        const stat = readFileSync(`/proc/${vipd.pid}/stat`, 'utf8');
        assert.equal(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]), Number(nice));
        await lab.exec('cli', ['ping', '-c', '1', '-W', '2', VIP4.split('/')[0]!]);
        await lab.exec('cli', ['ping', '-c', '1', '-W', '2', VIP6.split('/')[0]!]);
        // Gratuitous ARP (AF_PACKET) and unsolicited NA (raw ICMPv6) both went out.
        const logs = () => logLines(readFileSync(logFile, 'utf8'));
        await pollUntil(
          async () =>
            logs().filter((l) => l.msg === 'announced' && Number(l.sent) > 0).length >= 2 ? true : undefined,
          { timeoutMs: 5000, what: 'both VIPs announced' },
        );
        assert.equal(
          logs().filter((l) => /announce failed|permission|EPERM/i.test(JSON.stringify(l))).length,
          0,
        );
        if (Number(nice) !== 0) {
          assert.ok(logs().some((l) => l.msg === 'CPU priority set' && l.nice === Number(nice)));
        }
        // `vipd status` (as root) reads the unprivileged daemon's socket, which only it and root may.
        assert.equal(statSync(cluster.statusSocket('n1')).mode & 0o777, 0o600);
        const held = await runOnN1(lab, [
          process.execPath,
          VIPD_BIN,
          'status',
          '--config',
          file,
          '-o',
          'json',
        ]);
        assert.equal(held.code, 0, held.stderr);
        const names = (JSON.parse(held.stdout) as { held: { name: string }[] }).held.map((h) => h.name);
        assert.deepEqual(names.sort(), ['db', 'db6']);

        // The dead-man's switch inherits the capabilities: a killed vipd's VIPs go at once.
        await lab.kill(vipd, 'SIGKILL');
        const t0 = Date.now();
        await pollUntil(
          async () =>
            (await cluster.holders(VIP4, ['n1'])).length === 0 &&
            (await cluster.holders(VIP6, ['n1'])).length === 0
              ? true
              : undefined,
          { timeoutMs: 3000, intervalMs: 10, what: 'vipd-agent to remove the VIPs' },
        );
        console.log(
          `as nobody with ${ambient.join(' ')}: held, announced; fenced ${Date.now() - t0} ms after SIGKILL`,
        );
      } finally {
        if (vipd && vipd.exitCode === null && vipd.signalCode === null) await lab.kill(vipd, 'SIGKILL');
        await cluster.stopAll();
      }
    });
  });
});
