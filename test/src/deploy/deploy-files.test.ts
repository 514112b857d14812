/**
 * Everything under deploy/ is what an operator copies: every config there loads with the loader
 * of the program it is for, the systemd units pass `systemd-analyze verify` and say what
 * docs/deploy.md says they do, and the Kubernetes manifests keep host networking, the two
 * capabilities and a vipd config that vipd accepts.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readYamlFile } from '@vipd/config';
import { COORDINATOR_BIN, REPO_ROOT, VIPADM_BIN, VIPD_BIN } from '../harness/paths';
import { createTestPki, type TestPki } from '../harness/certs';
import { readUnitFile, unitCapabilities, unitCommand, unitValue, unitValues } from './unit-file';
import { localExample } from './example-files';

const DEPLOY = join(REPO_ROOT, 'deploy');
const K8S = join(DEPLOY, 'kubernetes');
const SYSTEMD = join(DEPLOY, 'systemd');
const SCRATCH = mkdtempSync(join(tmpdir(), 'vipd-deploy-test-'));
after(() => rmSync(SCRATCH, { recursive: true, force: true }));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

// TLS files must be real PEM (the loaders check them): a matching certificate and key from a
// test CA, made once for the whole file.
let pki: TestPki | undefined;
before(async () => {
  pki = await createTestPki();
});
after(() => pki?.remove());

let runs = 0;
/**
 * `BIN --config FILE --check-config` as an operator runs it, on a copy of the config whose
 * /etc/vipd/... files (TLS, password) exist as placeholders in a scratch folder. Resolves the
 * effective config it prints; throws its one-line error otherwise.
 */
function checkConfig(bin: string, text: string, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const file = localExample(text, join(SCRATCH, String(++runs)), pki);
  const res = spawnSync(process.execPath, [bin, '--config', file, '--check-config'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 20_000,
  });
  if (res.status !== 0) throw new Error(`exit ${res.status}: ${res.stderr.trim()}`);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

const isCoordinatorFile = (file: string) => basename(file).includes('coordinator');
const isVipadmFile = (file: string) => basename(file).startsWith('vipadm');
/** Prometheus rule files (deploy/prometheus/): monitoring.test.ts checks them. */
const isPrometheusFile = (file: string) => file.startsWith(join(DEPLOY, 'prometheus') + '/');
const binFor = (file: string) => (isCoordinatorFile(file) ? COORDINATOR_BIN : VIPD_BIN);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function manifest(name: string): Obj {
  return readYamlFile(join(K8S, name), (p) => readFileSync(p, 'utf8'));
}

/** The first container of a workload, and its pod spec. */
function workload(name: string): { pod: Obj; container: Obj } {
  const pod = obj(obj(obj(manifest(name).spec).template).spec);
  return { pod, container: obj(list(pod.containers)[0]) };
}

/** The text a ConfigMap holds under `key`. */
function configMapData(name: string, key: string): string {
  const text = obj(manifest(name).data)[key];
  assert.equal(typeof text, 'string', `${name} has data.${key}`);
  return text as string;
}

void describe('deploy/: example configs', () => {
  const files = yamlFiles(DEPLOY).filter(
    (f) => !f.startsWith(`${K8S}/`) && !isVipadmFile(f) && !isPrometheusFile(f),
  );

  void it('there are examples for vipd and the coordinator', () => {
    assert.ok(files.filter((f) => !isCoordinatorFile(f)).length >= 5);
    assert.ok(files.filter(isCoordinatorFile).length >= 2);
  });

  for (const file of files) {
    void it(`${basename(binFor(file))} --check-config accepts ${relative(REPO_ROOT, file)}`, () => {
      checkConfig(binFor(file), readFileSync(file, 'utf8'), { VIPD_NODE_NAME: 'n1' });
    });
  }

  void it('the coordinator examples need a token for every call, from token files', () => {
    for (const name of ['coordinator.example.yaml', join('examples', 'coordinator-etcd-tls.yaml')]) {
      const c = checkConfig(COORDINATOR_BIN, readFileSync(join(DEPLOY, name), 'utf8'));
      const auth = c.auth as { anonymous: string; tokens: { role: string; file: string }[] };
      assert.equal(auth.anonymous, 'none', name);
      assert.ok(
        auth.tokens.some((t) => t.role === 'operator' && t.file.endsWith('/etc/vipd/tokens/admin')),
        `${name}: an operator token in /etc/vipd/tokens/admin`,
      );
    }
  });

  void it('new-token.sh writes a fresh token the coordinator accepts, mode 600, and never overwrites one', () => {
    const file = join(SCRATCH, 'new-token', 'tokens', 'admin');
    const script = join(DEPLOY, 'new-token.sh');
    const make = () => spawnSync('bash', [script, file], { encoding: 'utf8', timeout: 10_000 });
    const first = make();
    assert.equal(first.status, 0, first.stderr);
    const token = readFileSync(file, 'utf8');
    assert.match(token, /^[0-9a-f]{64}\n$/);
    assert.ok(!first.stderr.includes(token.trim()) && first.stdout === '', 'the token is not printed');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(file)).mode & 0o777, 0o700);
    const again = make();
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists; remove it first/);
    assert.equal(readFileSync(file, 'utf8'), token, 'the old token stays');
    const config = join(SCRATCH, 'new-token', 'coordinator.yaml');
    writeFileSync(
      config,
      `etcd: { endpoints: [http://a:1] }\nauth: { tokens: [{ name: admin, role: operator, file: ${file} }] }\n`,
    );
    const check = spawnSync(process.execPath, [COORDINATOR_BIN, '--config', config, '--check-config'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(check.status, 0, check.stderr);
  });

  void it('vipadm.example.yaml: vipadm reads every context of it (vipadm config view)', () => {
    const file = join(DEPLOY, 'vipadm.example.yaml');
    const view = (context: string) => {
      const res = spawnSync(
        process.execPath,
        [VIPADM_BIN, '--context', context, '-o', 'json', 'config', 'view'],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, VIPADM_CONFIG: file },
          timeout: 20_000,
        },
      );
      assert.equal(res.status, 0, res.stderr);
      return JSON.parse(res.stdout) as { server: string; token_from: string; tls: { ca: string } | null };
    };
    const lab = view('lab');
    assert.equal(lab.server, '198.51.100.2:7500');
    assert.match(lab.token_from, /\/etc\/vipd\/tokens\/admin$/, 'the token file of coordinator.example.yaml');
    assert.equal(lab.tls, null);
    assert.equal(view('prod').tls?.ca, '/etc/vipd/tls/ca.pem');
  });

  void it('a misspelt key in an example would be caught, with a one-line error', () => {
    const vipd = readFileSync(join(DEPLOY, 'vipd.example.yaml'), 'utf8');
    assert.throws(() => checkConfig(VIPD_BIN, `${vipd}\nleas:\n  ttlSeconds: 3\n`), /exit 2: vipd: .*leas/);
    const coordinator = readFileSync(join(DEPLOY, 'coordinator.example.yaml'), 'utf8');
    assert.throws(() => checkConfig(COORDINATOR_BIN, `${coordinator}\nlistn: x\n`), /exit 2: .*listn/);
  });

  void it('the etcd TLS example reads its certificates and password from files, and masks the password', () => {
    const c = checkConfig(VIPD_BIN, readFileSync(join(DEPLOY, 'examples', 'vipd-etcd-tls.yaml'), 'utf8'));
    const etcd = c.etcd as { tls: Record<string, string>; auth: Record<string, string> };
    assert.deepEqual(Object.keys(etcd.tls).sort(), ['ca', 'cert', 'key']);
    assert.equal(etcd.auth.username, 'vipd');
    assert.ok(!JSON.stringify(c).includes('placeholder'), 'the password is not printed');
  });

  void it('the fast profile example really selects the fast timings', () => {
    const c = checkConfig(
      VIPD_BIN,
      readFileSync(join(DEPLOY, 'examples', 'vipd-fast-takeover.yaml'), 'utf8'),
    );
    assert.equal((c.heartbeat as { intervalMs: number }).intervalMs, 20);
    assert.equal((c.timings as { waitMs: number }).waitMs, 120);
  });
});

void describe('docs/: vipd configs shown in the guides', () => {
  for (const doc of ['deploy.md', 'migrating-from-keepalived.md', 'etcd.md']) {
    const text = readFileSync(join(REPO_ROOT, 'docs', doc), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    blocks.forEach((block, i) => {
      // Whole node configs only; a snippet of one section is not a config.
      if (!block.startsWith('node:')) return;
      void it(`docs/${doc}, yaml block ${i + 1}: vipd --check-config accepts it`, () => {
        checkConfig(VIPD_BIN, block);
      });
    });
  }
});

void describe('docs/quickstart.md: the configs it writes', () => {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'quickstart.md'), 'utf8');
  const files = [...text.matchAll(/cat >(\/etc\/vipd\/[\w.-]+) <<'EOF'\n([\s\S]*?)\nEOF\n/g)].map((m) => ({
    path: m[1]!,
    body: `${m[2]!}\n`,
  }));

  void it('writes a vipd and a coordinator config', () => {
    assert.deepEqual(
      files.map((f) => f.path),
      ['/etc/vipd/vipd.yaml', '/etc/vipd/coordinator.yaml'],
    );
  });

  void it("host A's vipd.yaml, and host B's (name n2, its own address), pass vipd --check-config", () => {
    const a = files.find((f) => f.path === '/etc/vipd/vipd.yaml')!.body;
    const b = a.replace('name: n1', 'name: n2').replace('198.51.100.11:7400', '198.51.100.12:7400');
    assert.notEqual(b, a, 'the quick start says host B differs by name and advertise');
    for (const [body, name, advertise] of [
      [a, 'n1', '198.51.100.11:7400'],
      [b, 'n2', '198.51.100.12:7400'],
    ] as const) {
      const c = checkConfig(VIPD_BIN, body);
      assert.deepEqual([obj(c.node).name, obj(c.node).advertise], [name, advertise]);
      assert.deepEqual(obj(c.etcd).endpoints, ['http://198.51.100.11:2379']);
    }
  });

  void it('coordinator.yaml passes vip-coordinator --check-config with its operator token file', () => {
    const c = checkConfig(COORDINATOR_BIN, files.find((f) => f.path === '/etc/vipd/coordinator.yaml')!.body);
    assert.deepEqual(
      list(obj(c.auth).tokens).map((t) => [obj(t).name, obj(t).role]),
      [['admin', 'operator']],
    );
  });
});

void describe('deploy/systemd', () => {
  const vipd = readUnitFile(join(SYSTEMD, 'vipd.service'));
  const coordinator = readUnitFile(join(SYSTEMD, 'vip-coordinator.service'));
  const haveAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

  void it(
    'systemd-analyze verify accepts every unit without a single warning',
    { skip: !haveAnalyze && 'no systemd-analyze' },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'vipd-units-'));
      try {
        // The units name the install tree /opt/vipd; verify checks that ExecStart binaries exist,
        // so the copies point at this checkout instead (the built vipd-agent).
        const units = [
          'vipd.service',
          'vipd-agent.service',
          'vip-coordinator.service',
          'vipd-realserver@.service',
        ].map((u) => {
          const text = readFileSync(join(SYSTEMD, u), 'utf8').replaceAll('/opt/vipd/', `${REPO_ROOT}/`);
          // A template is verified as one of its instances.
          const name = u.replace('@.', '@198.51.100.100.');
          writeFileSync(join(dir, name), text);
          return join(dir, name);
        });
        const res = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8', timeout: 30_000 });
        assert.equal(res.status, 0, res.stderr);
        // Unknown keys and bad values are warnings with exit status 0: any output is a failure.
        assert.equal(`${res.stdout}${res.stderr}`.trim(), '');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  void it('vipd: only CAP_NET_ADMIN and CAP_NET_RAW, no new privileges, restarts on failure but not on a bad config', () => {
    assert.deepEqual(unitCapabilities(vipd, 'CapabilityBoundingSet'), ['CAP_NET_ADMIN', 'CAP_NET_RAW']);
    assert.deepEqual(unitCapabilities(vipd, 'AmbientCapabilities'), ['CAP_NET_ADMIN', 'CAP_NET_RAW']);
    assert.equal(unitValue(vipd, 'Service', 'NoNewPrivileges'), 'yes');
    assert.notEqual(unitValue(vipd, 'Service', 'User') ?? 'root', 'root');
    assert.equal(unitValue(vipd, 'Service', 'Restart'), 'on-failure');
    assert.ok(unitValues(vipd, 'Service', 'RestartPreventExitStatus').join(' ').split(/\s+/).includes('2'));
    assert.ok(Number(unitValue(vipd, 'Unit', 'StartLimitBurst')) > 1);
    // Sandboxing must leave ARP (AF_PACKET), `ip` (AF_NETLINK) and the host's network alone.
    const families = (unitValue(vipd, 'Service', 'RestrictAddressFamilies') ?? '').split(/\s+/);
    for (const f of ['AF_PACKET', 'AF_NETLINK', 'AF_INET', 'AF_INET6']) assert.ok(families.includes(f), f);
    assert.notEqual(unitValue(vipd, 'Service', 'PrivateNetwork'), 'yes');
    assert.notEqual(unitValue(vipd, 'Service', 'MemoryDenyWriteExecute'), 'yes', "breaks node's JIT");
  });

  void it('vipd: ExecStopPost cleans up with the same config; SIGTERM reaches vipd alone', () => {
    const start = unitCommand(vipd, 'ExecStart');
    const stopPost = unitCommand(vipd, 'ExecStopPost');
    assert.deepEqual(stopPost, [...start.slice(0, 2), '--cleanup', ...start.slice(2)]);
    assert.deepEqual(start.slice(2), ['--config', '/etc/vipd/vipd.yaml']);
    assert.equal(unitValue(vipd, 'Service', 'KillMode'), 'mixed');
  });

  void it("vipd and its agent run at the nice value of vipd's scheduling.nice default", () => {
    // The units run as a user that may not lower its own nice value: systemd sets it first.
    const agent = readUnitFile(join(SYSTEMD, 'vipd-agent.service'));
    assert.equal(unitValue(vipd, 'Service', 'Nice'), '-10');
    assert.equal(unitValue(agent, 'Service', 'Nice'), '-10');
    const example = readFileSync(join(REPO_ROOT, 'deploy', 'vipd.example.yaml'), 'utf8');
    assert.match(example, /^scheduling:\n(?:\s+#.*\n)*\s+nice: -10\b/m);
  });

  void it('vip-coordinator: no capabilities at all, not root, restarts on failure', () => {
    assert.deepEqual(coordinator.get('Service')?.get('CapabilityBoundingSet'), []);
    assert.deepEqual(coordinator.get('Service')?.get('AmbientCapabilities'), []);
    assert.equal(unitValue(coordinator, 'Service', 'NoNewPrivileges'), 'yes');
    assert.notEqual(unitValue(coordinator, 'Service', 'User') ?? 'root', 'root');
    assert.equal(unitValue(coordinator, 'Service', 'Restart'), 'on-failure');
    assert.deepEqual(unitCommand(coordinator, 'ExecStart').slice(2), [
      '--config',
      '/etc/vipd/coordinator.yaml',
    ]);
  });

  void it('vipd-realserver@: runs `vipd realserver --vip %i` with CAP_NET_ADMIN alone, not as root', () => {
    const unit = readUnitFile(join(SYSTEMD, 'vipd-realserver@.service'));
    assert.deepEqual(unitCommand(unit, 'ExecStart').slice(2), ['realserver', '--vip', '%i']);
    assert.deepEqual(unitCapabilities(unit, 'CapabilityBoundingSet'), ['CAP_NET_ADMIN']);
    assert.notEqual(unitValue(unit, 'Service', 'User') ?? 'root', 'root');
    assert.notEqual(unitValue(unit, 'Service', 'ProtectKernelTunables'), 'yes', 'it writes arp_ignore');
  });

  void it('the users the units run as are the ones vipd.sysusers.conf creates', () => {
    const users = readFileSync(join(SYSTEMD, 'vipd.sysusers.conf'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('u '))
      .map((l) => l.split(/\s+/)[1]);
    assert.ok(users.includes(unitValue(vipd, 'Service', 'User')));
    assert.ok(users.includes(unitValue(coordinator, 'Service', 'User')));
  });

  void it('the binaries the units start exist in the built tree', () => {
    for (const unit of [vipd, coordinator]) {
      const script = unitCommand(unit, 'ExecStart')[1]!.replace(/^\/opt\/vipd\//, `${REPO_ROOT}/`);
      assert.match(
        execFileSync(process.execPath, [script, '--version'], { encoding: 'utf8' }),
        /\d+\.\d+\.\d+/,
      );
    }
  });
});

void describe('deploy/kubernetes', () => {
  void it('kustomization.yaml lists every manifest in the folder', () => {
    const resources = list(manifest('kustomization.yaml').resources).map(String).sort();
    const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    assert.deepEqual(resources, files.sort());
  });

  void it('vipd DaemonSet: host network, NET_ADMIN and NET_RAW only, not privileged', () => {
    const { pod, container } = workload('vipd-daemonset.yaml');
    assert.equal(manifest('vipd-daemonset.yaml').kind, 'DaemonSet');
    assert.equal(pod.hostNetwork, true);
    const sc = obj(container.securityContext);
    assert.deepEqual(obj(sc.capabilities).add, ['NET_ADMIN', 'NET_RAW']);
    assert.deepEqual(obj(sc.capabilities).drop, ['ALL']);
    assert.notEqual(sc.privileged, true);
    assert.equal(sc.allowPrivilegeEscalation, false);
    // SIGTERM hands the VIPs over; a preStop that removed them would cut clients off first.
    assert.equal(obj(container.lifecycle).preStop, undefined);
    assert.ok(Number(pod.terminationGracePeriodSeconds) >= 5);
  });

  void it('the vipd config in the ConfigMap validates as the DaemonSet runs it, with its secrets mounted', () => {
    const { pod, container } = workload('vipd-daemonset.yaml');
    const argv = list(container.args).map(String);
    const path = argv[argv.indexOf('--config') + 1]!;
    // The pod's environment as the kubelet fills it in on a node.
    const sample: Record<string, string> = { 'spec.nodeName': 'node-a', 'status.hostIP': '198.51.100.11' };
    const env: NodeJS.ProcessEnv = {};
    for (const e of list(container.env).map(obj)) {
      const field = String(obj(obj(e.valueFrom).fieldRef).fieldPath ?? '');
      const value =
        e.value !== undefined
          ? String(e.value).replace(/\$\((\w+)\)/g, (_, n: string) => env[n] ?? '')
          : sample[field];
      env[String(e.name)] = value;
    }
    assert.equal(path, '/etc/vipd/vipd.yaml');
    const config = checkConfig(VIPD_BIN, configMapData('vipd-configmap.yaml', 'vipd.yaml'), env) as {
      node: { name: string; advertise: string };
      etcd: { tls?: { ca?: string; cert?: string; key?: string } };
    };
    assert.equal(config.node.name, 'node-a');
    assert.equal(config.node.advertise, '198.51.100.11:7400');
    // Every file the config names is inside the etcd Secret's mount.
    const mounts = list(container.volumeMounts).map(obj);
    const secretVolume = list(pod.volumes)
      .map(obj)
      .find((v) => v.secret !== undefined);
    const secretMount = mounts.find((m) => m.name === secretVolume?.name);
    assert.ok(secretMount, 'the etcd Secret is mounted');
    const text = configMapData('vipd-configmap.yaml', 'vipd.yaml');
    const named = [...text.matchAll(/(?:ca|cert|key|passwordFile): (\S+)/g)].map((m) => m[1]!);
    assert.equal(named.length, 4);
    for (const f of named) assert.ok(f.startsWith(`${String(secretMount.mountPath)}/`), f);
    // `vipd status` reads node.statusSocket: its folder is writable on a read-only root.
    const socket = (config as { node: { statusSocket?: string } }).node.statusSocket ?? '';
    const runMount = mounts.find((m) => m.mountPath === dirname(socket));
    assert.ok(runMount, `a volume mounted at ${dirname(socket)} for ${socket}`);
    const runVolume = list(pod.volumes)
      .map(obj)
      .find((v) => v.name === runMount.name);
    assert.ok(runVolume?.emptyDir !== undefined, 'the status socket folder is an emptyDir');
    assert.ok(
      mounts.some((m) => m.mountPath === path),
      `${path} is mounted from the ConfigMap`,
    );
  });

  void it('coordinator Deployment and Service: no host network, no capability, non-root, valid config', () => {
    const { pod, container } = workload('coordinator-deployment.yaml');
    assert.notEqual(pod.hostNetwork, true);
    assert.equal(obj(pod.securityContext).runAsNonRoot, true);
    const caps = obj(obj(container.securityContext).capabilities);
    assert.deepEqual(caps.drop, ['ALL']);
    assert.equal(caps.add, undefined);
    const argv = list(container.args).map(String);
    assert.equal(argv[argv.indexOf('--config') + 1], '/etc/vipd/coordinator.yaml');
    const config = checkConfig(
      COORDINATOR_BIN,
      configMapData('coordinator-configmap.yaml', 'coordinator.yaml'),
    );
    // Its token files come from the Secret that kustomization.yaml generates, mounted where named.
    const tokens = (config.auth as { tokens: { role: string; file: string }[] }).tokens;
    assert.ok(
      tokens.some((t) => t.role === 'operator'),
      'an operator token',
    );
    const generated = list(manifest('kustomization.yaml').secretGenerator).map(obj);
    const volume = list(pod.volumes)
      .map(obj)
      .find((v) => obj(v.secret).secretName === 'vip-coordinator-tokens');
    assert.ok(volume, 'the tokens Secret is a volume');
    const mount = list(container.volumeMounts)
      .map(obj)
      .find((m) => m.name === volume.name);
    const secret = generated.find((g) => g.name === 'vip-coordinator-tokens');
    assert.ok(secret && mount, 'kustomization.yaml generates the tokens Secret and the pod mounts it');
    assert.equal((Number(obj(volume.secret).defaultMode) & 0o007).toString(8), '0', 'no access for others');
    const keys = list(secret.files).map((f) => String(f).split('=')[0]);
    for (const t of tokens) {
      const rel = t.file.replace(/^.*\/etc\/vipd\/tokens\//, '');
      assert.ok(t.file.includes(`${String(mount.mountPath)}/`), `${t.file} is under the mount`);
      assert.ok(keys.includes(rel), `the Secret has the key ${rel}`);
    }
    const service = manifest('coordinator-service.yaml');
    assert.deepEqual(
      obj(obj(service.spec).selector),
      obj(obj(obj(obj(manifest('coordinator-deployment.yaml').spec).template).metadata).labels),
    );
    assert.equal(obj(list(obj(service.spec).ports)[0]).port, 7500);
  });

  void it('metrics: the container port and scrape annotation match metrics.listen of each ConfigMap', () => {
    const pairs = [
      { workload: 'vipd-daemonset.yaml', map: 'vipd-configmap.yaml', key: 'vipd.yaml' },
      { workload: 'coordinator-deployment.yaml', map: 'coordinator-configmap.yaml', key: 'coordinator.yaml' },
    ];
    for (const p of pairs) {
      // The key as written (--check-config of these files is the tests above).
      const text = configMapData(p.map, p.key);
      const config = readYamlFile('configmap', () => text) as { metrics?: { listen?: string } };
      const listen = config.metrics?.listen ?? '';
      const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
      assert.ok(port > 0, `${p.map}: metrics.listen is set`);
      const { container } = workload(p.workload);
      const named = list(container.ports)
        .map(obj)
        .find((x) => x.name === 'metrics');
      assert.equal(named?.containerPort, port, `${p.workload}: a metrics port ${port}`);
      const meta = obj(obj(obj(manifest(p.workload).spec).template).metadata);
      assert.equal(obj(meta.annotations)['prometheus.io/port'], String(port));
    }
  });
});
