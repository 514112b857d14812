/**
 * `vipadm import-keepalived` on the keepalived.conf files the benchmark writes (keepalivedConfig,
 * with drivers.ts's settings: n1 at 150, n2 at 100, advert_int 1 over VRRPv2 and 0.1 over VRRPv3),
 * through the vipadm binary; its output is then read by `vipadm apply -f --dry-run` against a real
 * coordinator and etcd.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Coordinator, startCoordinator } from '../coordinator/admin-client';
import { type LocalEtcd, startLocalEtcd } from '../harness/etcd-local';
import { VIPADM_BIN } from '../harness/paths';
import { runScript } from '../harness/proc';
import { ipv4Of } from '../lab';
import { IFACE, NODES, VIP_CIDR } from './drivers';
import { keepalivedConfig } from './keepalived';

describe("vipadm import-keepalived on the benchmark's keepalived.conf", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-import-ka-'));
  let etcd: LocalEtcd;
  let coord: Coordinator;
  before(async () => {
    etcd = await startLocalEtcd();
    coord = await startCoordinator({ endpoints: [etcd.endpoint], cluster: 'import' });
  });
  after(async () => {
    await coord?.stop();
    await etcd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const advertInt of [1, 0.1]) {
    it(`advert_int ${advertInt}: a spec per node that apply -f --dry-run reads; each VRRP option reported`, async () => {
      for (const h of NODES) {
        const priority = h === 'n1' ? 150 : 100;
        const conf = join(dir, `${h}-${advertInt}.conf`);
        writeFileSync(
          conf,
          keepalivedConfig({
            routerId: h,
            virtualRouterId: 42,
            priority,
            advertInt,
            vrrpVersion: advertInt < 1 ? 3 : 2,
            iface: IFACE,
            vip: VIP_CIDR,
            srcIp: ipv4Of(h),
            peers: NODES.filter((p) => p !== h).map(ipv4Of),
          }),
        );
        const r = await runScript(VIPADM_BIN, ['import-keepalived', conf], {});
        assert.equal(r.code, 0, r.stderr);
        assert.match(
          r.stdout,
          new RegExp(
            `^vips:\\n  - name: vi-bench\\n    address: ${VIP_CIDR.replaceAll('.', '\\.')}\\n    interface: ${IFACE}\\n    nodes:\\n      ${h}:\\n        priority: ${priority}\\n    preempt: true\\n`,
            'm',
          ),
        );
        const dropped = r.stderr.trimEnd().split('\n');
        for (const option of [
          'vrrp_version',
          'state',
          'virtual_router_id',
          'advert_int',
          'unicast_src_ip',
          'unicast_peer',
        ]) {
          assert.equal(dropped.filter((l) => l.includes(`${option}`)).length, 1, `${option}: ${r.stderr}`);
        }
        for (const line of dropped) assert.match(line, /^vipadm: not carried: .+\.conf:\d+: .+: .+$/);
        const out = join(dir, `${h}-${advertInt}.yaml`);
        writeFileSync(out, r.stdout);
        const plan = await runScript(
          VIPADM_BIN,
          ['--server', coord.address, 'apply', '-f', out, '--dry-run'],
          {
            VIPADM_TOKEN_FILE: coord.tokenFiles.op,
          },
        );
        assert.equal(plan.code, 0, plan.stderr);
        assert.match(plan.stdout, /vi-bench/);
      }
    });
  }
});
