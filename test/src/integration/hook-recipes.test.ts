/**
 * The cloud hook recipes in deploy/hooks/: valid bash, strict mode, and -- since no cloud is
 * reachable here -- run against stub `aws`, `gcloud`, `az`, `curl` and `ip` commands on PATH
 * that answer like the real ones and record every call. Asserted: the exact cloud calls a
 * master transition makes, and that backup, fault or a VIP no longer here make none.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../harness/paths';

const HOOKS = join(REPO_ROOT, 'deploy', 'hooks');
const dir = mkdtempSync(join(tmpdir(), 'vipd-recipes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CALLS = join(dir, 'calls');
const hasJq = spawnSync('jq', ['--version']).status === 0;

/** A stub command: records "name args…" in CALLS, then runs `body` (bash, "$*" = the args). */
function stub(name: string, body: string): void {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/bash\necho "${name} $*" >> ${CALLS}\n${body}\n`);
  chmodSync(path, 0o755);
}

// `ip -o addr show dev lo`: the VIP is on the interface unless $VIP_GONE is set.
stub('ip', '[ -n "${VIP_GONE:-}" ] || echo "1: lo    inet 198.51.100.100/24 scope global lo"');
stub(
  'curl',
  `case "$*" in
  *api/token*) echo TOKEN ;;
  *interface-id*) echo eni-0b ;;
  *placement/region*) echo eu-west-1 ;;
  *instance/name*) echo vm-b ;;
  *instance/zone*) echo projects/42/zones/europe-west1-b ;;
  *) exit 22 ;;
esac`,
);
stub('aws', 'true');
stub(
  'gcloud',
  `nic() { echo "{\\"networkInterfaces\\":[{\\"name\\":\\"nic0\\",\\"aliasIpRanges\\":[$1]}]}"; }
case "$*" in
  "compute instances list"*) echo "vm-a	europe-west1-c" ;;
  "compute instances describe vm-a"*) nic '{"ipCidrRange":"198.51.100.7/32"},{"ipCidrRange":"198.51.100.100/32"}' ;;
  "compute instances describe vm-b"*) nic '{"ipCidrRange":"198.51.100.9/32"}' ;;
esac`,
);
stub(
  'az',
  `case "$*" in
  "network nic list"*) echo /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/vm-a-nic/ipConfigurations/vipd-web ;;
  "network nic ip-config show"*) echo "(ResourceNotFound)" >&2; exit 3 ;;
esac`,
);

function runRecipe(script: string, args: string[], env: Record<string, string>) {
  rmSync(CALLS, { force: true });
  const res = spawnSync(join(HOOKS, script), args, {
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      VIPD_VIP: 'web',
      VIPD_STATE: 'master',
      VIPD_ADDRESS: '198.51.100.100',
      VIPD_PREFIX: '24',
      VIPD_INTERFACE: 'lo',
      VIPD_REVISION: '42',
      VIPD_NODE: 'n2',
      VIPD_CLUSTER: 'prod',
      ...env,
    },
    encoding: 'utf8',
    timeout: 10_000,
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(CALLS, 'utf8').split('\n').filter(Boolean);
  } catch {
    // no stub was called
  }
  const cloud = calls.filter((c) => /^(aws|gcloud|az) /.test(c));
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, cloud };
}

describe('cloud hook recipes (deploy/hooks, against stub CLIs)', () => {
  const scripts = readdirSync(HOOKS).filter((f) => f.endsWith('.sh'));

  it('are executable bash in strict mode that parses', () => {
    assert.deepEqual(scripts.sort(), ['aws-move-ip.sh', 'azure-move-ip.sh', 'gcp-move-alias-ip.sh']);
    for (const s of scripts) {
      const path = join(HOOKS, s);
      execFileSync('bash', ['-n', path]);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.startsWith('#!/usr/bin/env bash\n'), s);
      assert.match(text, /^set -euo pipefail$/m, s);
      execFileSync('test', ['-x', path]);
    }
  });

  it('do nothing on backup and fault, nor for a VIP no longer on the interface', () => {
    const args: Record<string, string[]> = { 'azure-move-ip.sh': ['rg', 'vm-b-nic'] };
    for (const s of scripts) {
      for (const state of ['backup', 'fault']) {
        const r = runRecipe(s, args[s] ?? [], { VIPD_STATE: state });
        assert.equal(r.status, 0, `${s} ${state}: ${r.stderr}`);
        assert.deepEqual(r.cloud, [], `${s} ${state}`);
      }
      const late = runRecipe(s, args[s] ?? [], { VIP_GONE: '1' });
      assert.equal(late.status, 0, `${s}: ${late.stderr}`);
      assert.match(late.stdout, /is no longer on lo \(revision 42\): not moving it/);
      assert.deepEqual(late.cloud, [], `${s} with the VIP gone`);
    }
  });

  it('aws: assigns the address to the ENI behind the interface, with reassignment', () => {
    const r = runRecipe('aws-move-ip.sh', [], {});
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.cloud, [
      'aws ec2 assign-private-ip-addresses --region eu-west-1 --network-interface-id eni-0b --private-ip-addresses 198.51.100.100 --allow-reassignment',
    ]);
    const v6 = runRecipe('aws-move-ip.sh', [], { VIPD_ADDRESS: '2001:db8::100' });
    assert.equal(v6.status, 2, 'IPv6 is refused, not half done');
  });

  it(
    'gcp: takes the alias off its holder (keeping its other aliases), then adds it here',
    {
      skip: hasJq ? false : 'needs jq',
    },
    () => {
      const r = runRecipe('gcp-move-alias-ip.sh', [], {});
      assert.equal(r.status, 0, r.stderr);
      const updates = r.cloud.filter((c) => c.includes('network-interfaces update'));
      assert.deepEqual(updates, [
        'gcloud compute instances network-interfaces update vm-a --zone europe-west1-c --network-interface nic0 --aliases 198.51.100.7/32',
        'gcloud compute instances network-interfaces update vm-b --zone europe-west1-b --network-interface nic0 --aliases 198.51.100.9/32;198.51.100.100/32',
      ]);
    },
  );

  it("azure: deletes the other NIC's IP configuration, then creates ours with the address", () => {
    const r = runRecipe('azure-move-ip.sh', ['rg', 'vm-b-nic'], {});
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.cloud.slice(0, 1), ['az login --identity --output none']);
    assert.deepEqual(
      r.cloud.filter((c) => /ip-config (delete|create|update)/.test(c)),
      [
        'az network nic ip-config delete -g rg --nic-name vm-a-nic -n vipd-web',
        'az network nic ip-config create -g rg --nic-name vm-b-nic -n vipd-web --private-ip-address 198.51.100.100 --output none',
      ],
    );
    const usage = runRecipe('azure-move-ip.sh', [], {});
    assert.notEqual(usage.status, 0);
    assert.match(usage.stderr, /usage: azure-move-ip\.sh RESOURCE_GROUP NIC_NAME/);
  });
});
