/**
 * vipd against an etcd with TLS, client certificate auth and `auth enable`, in a namespace
 * lab, with the etcdctl role commands docs/security.md gives: a user `vipd` whose role may
 * only read and write /vipd/lab/. Real vipd daemons register and take a VIP with that user
 * (password from a file) while their heartbeats run over mutual TLS; a client certificate from
 * another CA is refused by etcd; the role cannot touch keys outside its prefix; the password
 * never shows in vipd's logs or its command line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestPki, type Issued, type TestPki } from '../harness/certs';
import { ETCDCTL_BIN } from '../harness/etcd-local';
import { pollUntil, sleep } from '../harness/proc';
import { ipv4Of, vipV4, withLab, type Lab, type NodeHost } from '../lab';
import { CLUSTER, VipdCluster } from './vipd-cluster';

const ROOT_PW = 'root-Secret-4d1f';
const VIPD_PW = 'vipd-Secret-93ab7c';
const VIP = vipV4(7);

/** etcdctl in the etcd namespace over TLS; `user` as `name:password` goes in the environment. */
function etcdctl(
  lab: Lab,
  endpoint: string,
  client: { ca: string; cert: string; key: string },
  args: string[],
  opts: { user?: string; input?: string } = {},
): Promise<string> {
  const argv = [ETCDCTL_BIN, '--endpoints', endpoint, '--cacert', client.ca, '--cert', client.cert];
  return lab.exec('etcd', [...argv, '--key', client.key, '--dial-timeout', '2s', ...args], {
    env: { ETCDCTL_API: '3', ...(opts.user ? { ETCDCTL_USER: opts.user } : {}) },
    input: opts.input,
  });
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the call succeeded but must be refused');
}

test('vipd with etcd TLS + client certs + auth, limited to its prefix; heartbeats over mTLS', async () => {
  const pki: TestPki = await createTestPki({ serverIps: [ipv4Of('etcd')] });
  try {
    await withLab({ nodes: 3, etcd: true }, async (lab) => {
      // The etcd client certificate's CN names no etcd user: only the password grants access.
      const etcdClient = await pki.ca.issue('etcd-client', { cn: 'vipd-node' });
      const client = { ca: pki.ca.cert, cert: etcdClient.cert, key: etcdClient.key };
      const endpoint = await lab.startEtcd({
        tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, client: etcdClient },
      });
      assert.match(endpoint, /^https:/);
      const ctl = (args: string[], opts?: { user?: string; input?: string }) =>
        etcdctl(lab, endpoint, client, args, opts);
      // The role commands of docs/security.md, passwords on stdin (never in argv).
      await ctl(['user', 'add', 'root', '--interactive=false'], { input: `${ROOT_PW}\n` });
      await ctl(['role', 'add', 'vipd-lab']);
      await ctl(['role', 'grant-permission', 'vipd-lab', '--prefix=true', 'readwrite', `/vipd/${CLUSTER}/`]);
      await ctl(['user', 'add', 'vipd', '--interactive=false'], { input: `${VIPD_PW}\n` });
      await ctl(['user', 'grant-role', 'vipd', 'vipd-lab']);
      await ctl(['auth', 'enable']);
      const root = { user: `root:${ROOT_PW}` };
      const vipd = { user: `vipd:${VIPD_PW}` };

      // The role is limited to its prefix; no password, a wrong one, or another CA: refused.
      await ctl(['put', `/vipd/${CLUSTER}/probe`, 'x'], vipd);
      assert.match(await refused(ctl(['put', '/vipd/other/probe', 'x'], vipd)), /permission denied/);
      assert.match(await refused(ctl(['get', '/vipd/other/', '--prefix'], vipd)), /permission denied/);
      assert.match(await refused(ctl(['get', '/', '--prefix'], vipd)), /permission denied/);
      assert.match(await refused(ctl(['put', '/outside', 'x'], vipd)), /permission denied/);
      assert.match(await refused(ctl(['get', `/vipd/${CLUSTER}/probe`])), /permission denied|user name/i);
      assert.match(
        await refused(ctl(['get', `/vipd/${CLUSTER}/probe`], { user: 'vipd:wrong' })),
        /authentication failed/,
      );
      const otherClient = { ca: pki.ca.cert, cert: pki.otherClient.cert, key: pki.otherClient.key };
      await refused(etcdctl(lab, endpoint, otherClient, ['get', `/vipd/${CLUSTER}/probe`], vipd));
      await ctl(['del', `/vipd/${CLUSTER}/probe`], vipd);

      const spec = {
        name: 'web',
        address: `${VIP}/24`,
        interface: 'e0',
        nodes: { n1: { priority: 150 }, n2: { priority: 100 }, n3: { priority: 50 } },
      };
      await ctl(['put', `/vipd/${CLUSTER}/vips/web`, JSON.stringify(spec)], root);

      // Heartbeat certificates: n1 and n2 from the CA, n3 from another CA.
      const hb = new Map<NodeHost, Issued>();
      for (const h of ['n1', 'n2'] as const)
        hb.set(h, await pki.ca.issue(`hb-${h}`, { cn: h, ips: [ipv4Of(h)] }));
      hb.set('n3', await pki.otherCa.issue('hb-n3', { cn: 'n3', ips: [ipv4Of('n3')] }));
      const pwFile = join(lab.dir, 'etcd-password');
      writeFileSync(pwFile, `${VIPD_PW}\n`, { mode: 0o600 });
      const cluster = new VipdCluster(lab, endpoint, {
        etcdYaml: [
          `  tls: { ca: ${pki.ca.cert}, cert: ${etcdClient.cert}, key: ${etcdClient.key} }`,
          `  auth: { username: vipd, passwordFile: ${pwFile} }`,
        ],
        extraYaml: (host) => [
          'heartbeat:',
          `  tls: { ca: ${pki.ca.cert}, cert: ${hb.get(host)!.cert}, key: ${hb.get(host)!.key} }`,
        ],
        probeTls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
      });
      const nodes = ['n1', 'n2', 'n3'] as const;
      for (const h of nodes) cluster.start(h);
      try {
        await cluster.waitHolder(`${VIP}/24`, nodes, 20_000, 'n1');
        await cluster.waitServing(['n1', 'n2']);
        // Registered under the prefix with the vipd user (n3 too: its etcd credentials are good).
        const registered = await ctl(['get', `/vipd/${CLUSTER}/nodes/`, '--prefix', '--keys-only'], root);
        for (const h of nodes) assert.match(registered, new RegExp(`/nodes/${h}\\b`));
        const leader = await ctl(['get', `/vipd/${CLUSTER}/leaders/web`, '--print-value-only'], root);
        assert.match(leader, /n1/);

        // The mesh: n1 and n2 see each other; n3 (other CA) is seen by nobody and sees nobody.
        const aliveSeen = (h: NodeHost, peer: NodeHost): boolean =>
          cluster.logs(h).some((r) => r.msg === 'peer alive' && r.peer === peer);
        await pollUntil(async () => (aliveSeen('n1', 'n2') && aliveSeen('n2', 'n1') ? true : undefined), {
          timeoutMs: 10_000,
          what: 'n1 and n2 to see each other alive over mTLS',
        });
        await sleep(2000);
        for (const [h, peer] of [
          ['n1', 'n3'],
          ['n2', 'n3'],
          ['n3', 'n1'],
          ['n3', 'n2'],
        ] as const) {
          assert.equal(aliveSeen(h, peer), false, `${h} saw ${peer} alive`);
        }

        // The password is in no log line and on no command line.
        for (const h of nodes) {
          const proc = cluster.procs.get(h)!;
          const cmdline = readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8');
          assert.match(cmdline, /vipd/);
          assert.ok(!cmdline.includes(VIPD_PW), `password in ${h}'s command line`);
        }
      } finally {
        await cluster.stopAll();
      }
      for (const f of readdirSync(lab.logDir)) {
        if (f.startsWith('vipd-')) {
          assert.ok(!readFileSync(join(lab.logDir, f), 'utf8').includes(VIPD_PW), `password in ${f}`);
        }
      }
    });
  } finally {
    pki.remove();
  }
});

test('vipd whose etcd client certificate is from another CA never registers', async () => {
  const pki: TestPki = await createTestPki({ serverIps: [ipv4Of('etcd')] });
  try {
    await withLab({ nodes: 2, etcd: true }, async (lab) => {
      const endpoint = await lab.startEtcd({
        tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, client: pki.client },
      });
      const cluster = new VipdCluster(lab, endpoint, {
        etcdYaml: [
          `  tls: { ca: ${pki.ca.cert}, cert: ${pki.otherClient.cert}, key: ${pki.otherClient.key} }`,
        ],
      });
      cluster.start('n1');
      try {
        await sleep(5000);
        assert.notEqual(await cluster.health('n1'), 'SERVING');
        const client = { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
        const keys = await etcdctl(lab, endpoint, client, [
          'get',
          `/vipd/${CLUSTER}/`,
          '--prefix',
          '--keys-only',
        ]);
        assert.equal(keys.trim(), '', 'nothing was written');
      } finally {
        await cluster.stopAll();
      }
    });
  } finally {
    pki.remove();
  }
});
