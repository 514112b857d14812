/**
 * deploy/etcd/create-roles.sh against a real etcd in a namespace lab: the roles it makes confine
 * a user to /vipd/<cluster>/, a viewer can only read, no password shows in its output, and vipd
 * runs (holds a VIP, and takes one over faster than the lease TTL, which revokes a peer's lease)
 * with nothing but that role.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessRoot } from '../harness/lab-skip';
import { ETCDCTL_BIN } from '../harness/etcd-local';
import { type HostName, type Lab, type NodeHost, withLab } from '../lab';
import { REPO_ROOT, VIPD_BIN } from '../harness/paths';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const skip = skipUnlessRoot(__filename);
const SCRIPT = join(REPO_ROOT, 'deploy', 'etcd', 'create-roles.sh');
const NODES: NodeHost[] = ['n1', 'n2'];
const VIP = '198.51.100.100/24';

interface Result {
  code: number;
  out: string;
}

/** Runs argv in the host's namespace; never rejects; stdout and stderr together. */
function runIn(lab: Lab, host: HostName, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'ip',
      ['netns', 'exec', lab.nsName(host), ...argv],
      { timeout: 30_000, env: { ...process.env, ETCDCTL_API: '3', ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

void describe('deploy/etcd/create-roles.sh', { skip }, () => {
  void it('confines vipd to its prefix, viewers to reading, and vipd works with that role alone', async () => {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd();
      const cluster = new VipdCluster(lab, endpoint, { ttlSeconds: 3 });
      const secret = (name: string) => {
        const value = `${name}-${randomBytes(9).toString('base64url')}`;
        writeFileSync(join(lab.dir, `${name}.pw`), `${value}\n`, { mode: 0o600 });
        return { value, file: join(lab.dir, `${name}.pw`) };
      };
      const [vipdPw, viewerPw, rootPw] = [secret('vipd'), secret('viewer'), secret('root')];
      const as = (user: string, password: string, args: string[]) =>
        runIn(lab, 'cli', [ETCDCTL_BIN, '--endpoints', endpoint, ...args], {
          ETCDCTL_USER: user,
          ETCDCTL_PASSWORD: password,
        });
      try {
        await cluster.putVip({
          name: 'db',
          address: VIP,
          interface: 'e0',
          nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
        });
        await cluster.etcdctl(['put', '/vipd/other/vips/x', '{}']);

        const bad = await runIn(lab, 'cli', [
          'bash',
          SCRIPT,
          '--endpoints',
          endpoint,
          '--password-file',
          vipdPw.file,
          'Bad_Name',
        ]);
        assert.equal(bad.code, 2);
        assert.match(bad.out, /^create-roles\.sh: CLUSTER must be .*\n$/);
        assert.doesNotMatch(await cluster.etcdctl(['role', 'list']), /vipd/, 'nothing created on bad input');

        // A viewer role from an earlier version of the script: read on the whole prefix.
        await cluster.etcdctl(['role', 'add', 'vipd-lab-viewer']);
        await cluster.etcdctl([
          'role',
          'grant-permission',
          'vipd-lab-viewer',
          '--prefix=true',
          'read',
          '/vipd/lab/',
        ]);
        const argv = ['bash', SCRIPT, '--endpoints', endpoint, '--password-file', vipdPw.file];
        argv.push('--viewer-user', 'viewer', '--viewer-password-file', viewerPw.file);
        argv.push('--enable-auth', '--root-password-file', rootPw.file, CLUSTER);
        const first = await runIn(lab, 'cli', argv);
        assert.equal(first.code, 0, first.out);
        assert.match(first.out, /user vipd: role vipd-lab\n/);
        assert.match(first.out, /authentication: on\n$/);
        // Run again, now that authentication is on: it logs in as root and changes nothing.
        const again = await runIn(lab, 'cli', argv);
        assert.equal(again.code, 0, again.out);
        for (const out of [first.out, again.out]) {
          for (const pw of [vipdPw, viewerPw, rootPw])
            assert.ok(!out.includes(pw.value), 'no password printed');
        }

        assert.notEqual(
          (await runIn(lab, 'cli', [ETCDCTL_BIN, '--endpoints', endpoint, 'get', '/vipd/lab/vips/db'])).code,
          0,
        );
        assert.equal((await as('vipd', vipdPw.value, ['put', '/vipd/lab/probe', 'x'])).code, 0);
        const outside = await as('vipd', vipdPw.value, ['get', '/vipd/other/vips/x']);
        assert.match(outside.out, /permission denied/);
        assert.match((await as('vipd', vipdPw.value, ['put', '/vipd/labx', 'x'])).out, /permission denied/);
        const seen = await as('viewer', viewerPw.value, [
          'get',
          '--prefix',
          '--keys-only',
          '/vipd/lab/vips/',
        ]);
        assert.match(seen.out, /\/vipd\/lab\/vips\/db/);
        // The heartbeat key is vipd's alone: not even a viewer may read it.
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'put', '/vipd/lab/keys/beat', 'k']);
        assert.match(
          (await as('viewer', viewerPw.value, ['get', '/vipd/lab/keys/beat'])).out,
          /permission denied/,
        );
        assert.equal((await as('vipd', vipdPw.value, ['get', '/vipd/lab/keys/beat'])).code, 0);
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'del', '/vipd/lab/keys/beat']);
        // The viewer's read is two ranges around keys/: one key on each side of it.
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'put', '/vipd/lab/drain/n9', '{}']);
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'put', '/vipd/lab/keys0', 'z']);
        for (const key of ['/vipd/lab/drain/n9', '/vipd/lab/keys0']) {
          const read = await as('viewer', viewerPw.value, ['get', key]);
          assert.equal(read.code, 0, `the viewer reads ${key}: ${read.out}`);
          assert.ok(read.out.includes(key), `the viewer reads ${key}: ${read.out}`);
        }
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'del', '/vipd/lab/drain/n9']);
        await cluster.etcdctl(['--user', `root:${rootPw.value}`, 'del', '/vipd/lab/keys0']);
        assert.match(
          (await as('viewer', viewerPw.value, ['put', '/vipd/lab/probe', 'y'])).out,
          /permission denied/,
        );

        // vipd as user vipd, password from a file.
        const procs = NODES.map((h) => {
          const file = cluster.configFile(h);
          const yaml = readFileSync(file, 'utf8').replace(
            'etcd:\n',
            `etcd:\n  auth: { username: vipd, passwordFile: ${vipdPw.file} }\n`,
          );
          writeFileSync(file, yaml);
          return lab.spawn(h, [process.execPath, VIPD_BIN, '--config', file], {
            logFile: join(lab.logDir, `vipd-${h}-auth.log`),
          });
        });
        await cluster.waitHolder(VIP, NODES, 15_000, 'n1');
        await cluster.waitServing(NODES);
        await lab.kill(procs[0]!, 'SIGKILL');
        const t0 = Date.now();
        await cluster.waitHolder(VIP, NODES, 10_000, 'n2');
        const tookMs = Date.now() - t0;
        // Faster than the 3 s lease: n2 revoked n1's lease, which needs write access to its keys.
        assert.ok(tookMs < 2500, `takeover took ${tookMs} ms`);
        const logs = NODES.map((h) => readFileSync(join(lab.logDir, `vipd-${h}-auth.log`), 'utf8')).join('');
        assert.doesNotMatch(logs, /permission denied/i);
        assert.ok(!logs.includes(vipdPw.value), 'the password is not logged');
        console.log(`takeover under the vipd-lab role alone: ${tookMs} ms`);
        await lab.kill(procs[1]!, 'SIGTERM');
      } finally {
        await cluster.stopAll();
      }
    });
  });
});
