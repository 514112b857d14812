/**
 * scripts/setup.sh never touches a running service: it installs Debian packages behind a
 * temporary policy-rc.d that exits 101 (so nothing starts), removes it afterwards (also when
 * apt-get fails), puts back one the host had, and never calls systemctl, service or invoke-rc.d.
 *
 * Run safely: the script is copied into a scratch checkout whose PATH starts with stubs
 * (dpkg-query, id, apt-get, pnpm, npm, and systemctl & co. that record any call), and its
 * policy-rc.d path is pointed into the scratch folder. Nothing on this host is installed,
 * started or stopped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../harness/paths';

const SCRIPT = join(REPO_ROOT, 'scripts', 'setup.sh');
const NODE_VERSION = join(REPO_ROOT, 'packages', 'log', 'node-version.js');
const SCRATCH = mkdtempSync(join(tmpdir(), 'vipd-setup-test-'));
after(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** Service managers: any call is recorded and fails, so a test sees it. */
const SERVICE_TOOLS = ['systemctl', 'service', 'invoke-rc.d', 'deb-systemd-invoke', 'update-rc.d'];

const STUBS: Record<string, string> = {
  // Packages named in $MISSING are not installed; every other one is.
  'dpkg-query': `for a; do pkg="$a"; done
case " $MISSING " in *" $pkg "*) exit 1;; esac
printf 'install ok installed'`,
  id: `[ "$1" = -u ] && echo "\${FAKE_UID:-0}" || /usr/bin/id "$@"`,
  // Records each call and, on install, what policy-rc.d said about starting etcd.
  'apt-get': `echo "apt-get $*" >>"$LOG"
if [ "$1" = install ] || [ "$2" = install ] || [ "$3" = install ] || [ "$4" = install ]; then
  if [ -x "$POLICY" ]; then "$POLICY" etcd start; echo "policy-rc.d etcd start: $?" >>"$LOG"
  else echo "policy-rc.d: none" >>"$LOG"; fi
  exit "\${APT_EXIT:-0}"
fi`,
  pnpm: `[ "$1" = --version ] && { echo "$PNPM_VERSION"; exit 0; }
echo "pnpm $*" >>"$LOG"`,
  npm: `echo "npm $*" >>"$LOG"`,
  ...Object.fromEntries(SERVICE_TOOLS.map((t) => [t, `echo "${t} $*" >>"$LOG"; exit 1`])),
};

let runs = 0;
interface SetupRun {
  code: number | null;
  stderr: string;
  log: string[];
  policy: string;
}

/** Runs a copy of setup.sh in a fresh scratch checkout with the stubs first on PATH. */
function runSetup(
  opts: { missing?: string[]; uid?: number; aptExit?: number; policy?: string } = {},
): SetupRun {
  const root = join(SCRATCH, String(++runs));
  const bin = join(root, 'stub-bin');
  mkdirSync(join(root, 'scripts'), { recursive: true });
  mkdirSync(bin);
  copyFileSync(SCRIPT, join(root, 'scripts', 'setup.sh'));
  mkdirSync(join(root, 'packages', 'log'), { recursive: true });
  copyFileSync(NODE_VERSION, join(root, 'packages', 'log', 'node-version.js'));
  writeFileSync(join(root, 'scripts', 'build.sh'), 'echo "build.sh" >>"$LOG"\n');
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ packageManager: 'pnpm@9.9.9', engines: { node: '>=20' } }),
  );
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const log = join(root, 'calls.log');
  writeFileSync(log, '');
  const policy = join(root, 'usr-sbin', 'policy-rc.d');
  mkdirSync(dirname(policy));
  if (opts.policy !== undefined) writeFileSync(policy, opts.policy, { mode: 0o755 });
  const res = spawnSync('bash', [join(root, 'scripts', 'setup.sh')], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
      LOG: log,
      POLICY: policy,
      VIPD_SETUP_POLICY_RC_D: policy,
      MISSING: (opts.missing ?? []).join(' '),
      FAKE_UID: String(opts.uid ?? 0),
      APT_EXIT: String(opts.aptExit ?? 0),
      PNPM_VERSION: '9.9.9',
    },
  });
  return {
    code: res.status,
    stderr: res.stderr,
    log: readFileSync(log, 'utf8').split('\n').filter(Boolean),
    policy,
  };
}

describe('scripts/setup.sh touches no service', () => {
  it('installs missing packages with a policy-rc.d that forbids starting them, then removes it', () => {
    const r = runSetup({ missing: ['etcd-server', 'keepalived'] });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.log.some((l) => /^apt-get .*install .*etcd-server keepalived/.test(l)),
      r.log.join('\n'),
    );
    assert.ok(r.log.includes('policy-rc.d etcd start: 101'), `policy-rc.d in place during install: ${r.log}`);
    assert.equal(existsSync(r.policy), false, 'policy-rc.d removed afterwards');
    assert.deepEqual(
      r.log.filter((l) => SERVICE_TOOLS.includes(l.split(' ')[0]!)),
      [],
      'no service manager called',
    );
    assert.match(r.stderr, /etcd-server installed but not started/);
    assert.ok(r.log.includes('build.sh'), 'then it builds');
  });

  it('installs gobgpd and bird2 (BGP mode, its lab) the same way, starting neither', () => {
    const r = runSetup({ missing: ['gobgpd', 'bird2'] });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.log.some((l) => /^apt-get .*install .*gobgpd bird2/.test(l)),
      r.log.join('\n'),
    );
    assert.ok(r.log.includes('policy-rc.d etcd start: 101'), r.log.join('\n'));
    assert.equal(existsSync(r.policy), false, 'policy-rc.d removed afterwards');
    assert.deepEqual(
      r.log.filter((l) => SERVICE_TOOLS.includes(l.split(' ')[0]!)),
      [],
      'no service manager called',
    );
    assert.match(r.stderr, /gobgpd installed but not started/);
    assert.match(r.stderr, /bird2 installed but not started/);
  });

  it('removes its policy-rc.d when apt-get fails, and fails itself', () => {
    const r = runSetup({ missing: ['etcd-server'], aptExit: 100 });
    assert.notEqual(r.code, 0);
    assert.ok(r.log.includes('policy-rc.d etcd start: 101'), r.log.join('\n'));
    assert.equal(existsSync(r.policy), false, 'policy-rc.d removed after the failure');
    assert.ok(!r.log.includes('build.sh'), 'no build after a failed install');
  });

  it("puts the host's own policy-rc.d back as it was", () => {
    const own = "#!/bin/sh\n# the host admin's own\nexit 0\n";
    for (const aptExit of [0, 100]) {
      const r = runSetup({ missing: ['keepalived'], policy: own, aptExit });
      assert.ok(r.log.includes('policy-rc.d etcd start: 101'), 'ours was in place during the install');
      assert.equal(readFileSync(r.policy, 'utf8'), own, `restored after apt-get exit ${aptExit}`);
    }
  });

  it('with nothing missing, runs no apt-get and writes no policy-rc.d', () => {
    const r = runSetup();
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.log.some((l) => l.startsWith('apt-get')), r.log.join('\n'));
    assert.equal(existsSync(r.policy), false);
  });

  it('not root with packages missing: one clear line, nothing installed', () => {
    const r = runSetup({ missing: ['nftables'], uid: 1000 });
    assert.equal(r.code, 1);
    assert.match(r.stderr.trim(), /^setup: missing Debian packages \(nftables\) and not root/);
    assert.ok(!r.log.some((l) => l.startsWith('apt-get')));
  });

  it('has no command that stops, disables or restarts a service', () => {
    const code = readFileSync(SCRIPT, 'utf8')
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .map((l) => l.replace(/echo ".*"/, '')) // what it tells the operator to run is not a call
      .join('\n');
    assert.doesNotMatch(code, /\b(systemctl|service|invoke-rc\.d|deb-systemd-invoke|update-rc\.d)\b/);
    assert.doesNotMatch(code, /--now\b/);
  });
});
