/**
 * The .deb (`npm run package`, scripts/package.sh) as an operator gets it: built from this
 * checkout's build, unpacked with `dpkg -x` into a throwaway root (never installed: the host's
 * /usr is not touched), and run from there: the commands answer --help and --version, refuse an
 * old Node.js in one line, accept the example configs they ship, and two vipd nodes run from the
 * unpacked bundle hold a VIP in a namespace lab with a real etcd, and hand it over.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestPki, type TestPki } from '../harness/certs';
import { registerCleanup } from '../harness/cleanup';
import { skipUnlessRoot } from '../harness/lab-skip';
import { pollUntil } from '../harness/proc';
import { REPO_ROOT } from '../harness/paths';
import { withLab } from '../lab';
import { LabCoordinator, runVipadm, vipAddArgs } from '../e2e/coordinator-harness';
import { VipdCluster } from '../e2e/vipd-cluster';
import { localExample } from './example-files';
import { readUnitFile, unitCommand } from './unit-file';

const COMMANDS = ['vipd', 'vip-coordinator', 'vipadm'] as const;
const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};
const NODE_MAJOR = Number(/^>=\s*(\d+)/.exec(rootPackage.engines.node)?.[1]);

/** Everything this file makes: the package, the unpacked root, scratch configs. Removed always. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'vipd-deb-test-'));
const removeScratch = (): void => rmSync(SCRATCH, { recursive: true, force: true });
const unregister = registerCleanup({ sync: removeScratch });
after(() => {
  removeScratch();
  unregister();
});
/** Where `dpkg -x` unpacks the package. */
const ROOT = join(SCRATCH, 'root');
let deb = '';
let pki: TestPki | undefined;

before(async () => {
  // The tree as `npm test` has just built it; the package goes to the scratch folder.
  const out = execFileSync(
    'bash',
    [join(REPO_ROOT, 'scripts', 'package.sh'), '--no-build', '--out', SCRATCH],
    {
      encoding: 'utf8',
      cwd: REPO_ROOT,
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  deb = out.trim().split('\n').at(-1) ?? '';
  execFileSync('dpkg', ['-x', deb, ROOT]);
  pki = await createTestPki();
});
after(() => pki?.remove());

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an unpacked command as an operator would (through its /usr/bin entry and its #! line). */
function runCommand(name: string, args: string[], nodeFlags: string[] = []): Result {
  const bin = join(ROOT, 'usr', 'bin', name);
  const argv = nodeFlags.length ? [process.execPath, ...nodeFlags, bin, ...args] : [bin, ...args];
  return spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 30_000 });
}

/** Every file under dir, relative to it. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

void describe('the .deb (npm run package), unpacked into a scratch root', () => {
  void it('is package vipd, versioned by its commit, needs Node.js as package.json engines.node says, and ships no node_modules', () => {
    const field = (name: string): string =>
      execFileSync('dpkg-deb', ['--field', deb, name], { encoding: 'utf8' }).trim();
    assert.equal(field('Package'), 'vipd');
    // package.json's version, then the commit's time (UTC) and short hash: a later commit's
    // build is an upgrade to apt, not a reinstall of the same version.
    const version = field('Version');
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (head.status !== 0) {
      assert.equal(version, rootPackage.version, 'outside git: package.json version alone');
    } else {
      const m = new RegExp(
        `^${rootPackage.version.replace(/\./g, '\\.')}\\+git(\\d{8})\\.(\\d{6})\\.([0-9a-f]{4,})$`,
      ).exec(version);
      assert.ok(m, `Version ${version}: package.json's, +git<YYYYMMDD>.<HHMMSS>.<short hash>`);
      assert.ok(head.stdout.startsWith(m[3]!), `${m[3]} is HEAD's hash (${head.stdout.trim()})`);
      const committed = execFileSync('git', ['log', '-1', '--format=%ct'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      const utc = new Date(Number(committed) * 1000).toISOString().replace(/[-:]/g, '');
      assert.equal(`${m[1]}.${m[2]}`, `${utc.slice(0, 8)}.${utc.slice(9, 15)}`, "the commit's time, UTC");
      const newer = spawnSync('dpkg', ['--compare-versions', version, 'gt', rootPackage.version]);
      assert.equal(newer.status, 0, `dpkg orders ${version} after ${rootPackage.version}`);
    }
    assert.match(field('Depends'), new RegExp(`(^|, )nodejs \\(>= ${NODE_MAJOR}\\)(,|$)`));
    const files = walk(ROOT);
    assert.deepEqual(
      files.filter((f) => f.split('/').includes('node_modules')),
      [],
      'a bundle, not a node_modules tree',
    );
    for (const f of ['usr/lib/vipd/build/vipd-agent', 'usr/lib/vipd/build/Release/vipd_packet.node']) {
      assert.ok(files.includes(f), `${f} (native helper) is shipped`);
    }
    assert.ok(statSync(join(ROOT, 'usr/lib/vipd/build/vipd-agent')).mode & 0o111, 'vipd-agent is executable');
  });

  for (const name of COMMANDS) {
    void it(`/usr/bin/${name}: --version and --help, and a one-line refusal on an old Node.js`, () => {
      const link = join(ROOT, 'usr', 'bin', name);
      assert.ok(lstatSync(link).isSymbolicLink());
      assert.equal(readlinkSync(link), `../lib/vipd/bin/${name}`);
      const version = runCommand(name, ['--version']);
      assert.equal(version.status, 0, version.stderr);
      assert.equal(version.stdout, `${name} ${rootPackage.version}\n`);
      const help = runCommand(name, ['--help']);
      assert.equal(help.status, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: ${name} `));
      // The check runs before the bundle loads: an old Node sees a line, not a syntax error.
      const shim = join(SCRATCH, 'old-node.js');
      execFileSync(process.execPath, [
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(shim)}, "Object.defineProperty(process, 'version', { value: 'v18.19.0' });\\n")`,
      ]);
      const old = runCommand(name, ['--version'], ['--require', shim]);
      assert.equal(old.status, 2, old.stderr);
      assert.equal(old.stdout, '');
      assert.match(
        old.stderr,
        new RegExp(`^${name}: needs Node\\.js ${NODE_MAJOR} or later; .* is v18\\.19\\.0 .*\\n$`),
      );
    });
  }

  void it('--check-config accepts every example config it ships (/usr/share/doc/vipd/examples)', () => {
    const dir = join(ROOT, 'usr', 'share', 'doc', 'vipd', 'examples');
    const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('vipadm'));
    assert.ok(examples.includes('vipd.example.yaml') && examples.includes('coordinator.example.yaml'));
    for (const [i, f] of examples.entries()) {
      const file = localExample(readFileSync(join(dir, f), 'utf8'), join(SCRATCH, 'check', String(i)), pki);
      const r = runCommand(f.startsWith('coordinator') ? 'vip-coordinator' : 'vipd', [
        '--config',
        file,
        '--check-config',
      ]);
      assert.equal(r.status, 0, `${f}: ${r.stderr}`);
      assert.ok(JSON.parse(r.stdout), `${f}: the effective config, as JSON`);
    }
  });

  void it('its systemd units run what it installs, and name no /opt/vipd', () => {
    const units = join(ROOT, 'usr', 'lib', 'systemd', 'system');
    const names = readdirSync(units);
    assert.deepEqual(
      names.sort(),
      readdirSync(join(REPO_ROOT, 'deploy', 'systemd'))
        .filter((n) => n.endsWith('.service'))
        .sort(),
    );
    for (const n of names) {
      const text = readFileSync(join(units, n), 'utf8');
      assert.ok(!text.includes('/opt/vipd'), `${n} names no /opt/vipd`);
      const unit = readUnitFile(join(units, n));
      for (const key of ['ExecStart', 'ExecStopPost']) {
        if (!unit.get('Service')?.has(key)) continue;
        const [program] = unitCommand(unit, key);
        assert.ok(program && existsSync(join(ROOT, program)), `${n} ${key}: ${program} is in the package`);
      }
    }
    assert.ok(existsSync(join(ROOT, 'usr', 'lib', 'sysusers.d', 'vipd.conf')));
  });

  void it(
    'systemd-analyze verify accepts its units, with their paths in the scratch root, without a warning',
    { skip: spawnSync('systemd-analyze', ['--version']).status !== 0 && 'no systemd-analyze' },
    () => {
      // verify checks that programs and file: documentation exist: they must, in the package.
      const dir = join(SCRATCH, 'units');
      mkdirSync(dir);
      const units = readdirSync(join(ROOT, 'usr', 'lib', 'systemd', 'system')).map((u) => {
        const text = readFileSync(join(ROOT, 'usr', 'lib', 'systemd', 'system', u), 'utf8').replace(
          /\/usr\/(bin\/vip[\w-]*|lib\/vipd\/|share\/doc\/vipd\/)/g,
          `${ROOT}/usr/$1`,
        );
        // A template is verified as one of its instances.
        const name = u.replace('@.', '@198.51.100.100.');
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      });
      const res = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(res.status, 0, res.stderr);
      assert.equal(`${res.stdout}${res.stderr}`.trim(), '');
    },
  );
});

/** The programs (/proc/PID/exe) of the vipd-agent children of process `pid`. */
function agentsOf(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return children
    .filter((c) => c !== '' && readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'vipd-agent')
    .map((c) => readlinkSync(`/proc/${c}/exe`));
}

const skip = skipUnlessRoot(__filename);
void describe('the .deb in a namespace lab (real etcd, real interfaces)', { skip }, () => {
  void it('vipd on two nodes, vip-coordinator and vipadm, all from the unpacked package: a VIP added with vipadm is held, and handed over on SIGTERM', async () => {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      const cluster = new VipdCluster(lab, endpoint, { vipdCommand: [join(ROOT, 'usr', 'bin', 'vipd')] });
      const coordinator = new LabCoordinator(lab, endpoint, {
        command: [join(ROOT, 'usr', 'bin', 'vip-coordinator')],
      });
      const vipadm = async (args: string[]): Promise<Record<string, unknown>> => {
        const r = await runVipadm(lab, coordinator, args, { command: [join(ROOT, 'usr', 'bin', 'vipadm')] });
        assert.equal(r.code, 0, `vipadm ${args.join(' ')}: ${r.stderr}`);
        return JSON.parse(r.stdout) as Record<string, unknown>;
      };
      const address = '198.51.100.100/24';
      try {
        await coordinator.start();
        cluster.start('n1');
        cluster.start('n2');
        await cluster.waitServing(['n1', 'n2']);
        await vipadm(vipAddArgs('web', address, ['n1=150', 'n2=100']));
        await cluster.waitHolder(address, ['n1', 'n2'], 15_000, 'n1');
        await pollUntil(
          async () => ((await vipadm(['vip', 'get', 'web'])).holder === 'n1' ? true : undefined),
          {
            timeoutMs: 5000,
            what: 'vipadm vip get web to show n1 as holder',
          },
        );
        // The kernel agent vipd runs is the package's, found beside the bundle.
        const vipd = cluster.procs.get('n1');
        assert.ok(vipd?.pid);
        assert.deepEqual(agentsOf(vipd.pid), [join(ROOT, 'usr', 'lib', 'vipd', 'build', 'vipd-agent')]);
        await cluster.signal('n1', 'SIGTERM');
        await cluster.waitHolder(address, ['n1', 'n2'], 10_000, 'n2');
      } catch (err) {
        cluster.printLogTails(['n1', 'n2']);
        console.log(
          `# --- vip-coordinator's log ---\n# ${coordinator.log().split('\n').slice(-15).join('\n# ')}`,
        );
        throw err;
      } finally {
        await cluster.stopAll();
        await coordinator.stop();
      }
    });
  });
});
