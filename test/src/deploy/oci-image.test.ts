/**
 * The OCI image of deploy/kubernetes (`npm run package:image`, scripts/package-image.sh): built
 * with buildah from the .deb, under a name of this test's own that it removes afterwards, then
 * run with buildah's chroot isolation (the host's network, which --version does not use): the
 * commands the manifests run are there and answer --version. Skips, saying why, without buildah
 * or root. Its Debian base (localhost/vipd-base:trixie, from debootstrap when no registry
 * answers) is kept in buildah's storage for the next run: the first run downloads it from
 * Debian's mirror (about a minute).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readYamlFile } from '@vipd/config';
import { REPO_ROOT } from '../harness/paths';

const buildah = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
const skip =
  buildah.error !== undefined
    ? 'buildah is not installed (apt-get install buildah debootstrap): the image cannot be built here'
    : process.getuid?.() !== 0
      ? 'buildah needs root here (its storage in /var/lib/containers)'
      : false;
if (skip) process.stderr.write(`\n!!! SKIPPED: oci-image.test (${skip}) !!!\n\n`);

const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The image and command of the first container of a manifest in deploy/kubernetes. */
function manifestContainer(file: string): { image: string; command: string[] } {
  const doc = readYamlFile(join(REPO_ROOT, 'deploy', 'kubernetes', file), (p) => readFileSync(p, 'utf8')) as {
    spec: { template: { spec: { containers: { image: string; command: string[] }[] } } };
  };
  const c = doc.spec.template.spec.containers[0];
  assert.ok(c, `${file} has a container`);
  return c;
}

void describe('the OCI image (npm run package:image)', { skip }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vipd-image-test-'));
  const tag = `localhost/vipd-test-${process.pid}:${version}`;
  const containers: string[] = [];
  after(() => {
    for (const c of containers) spawnSync('buildah', ['rm', c]);
    spawnSync('buildah', ['rmi', '--force', tag]);
    rmSync(scratch, { recursive: true, force: true });
  });

  void it('builds from the .deb and runs what the Kubernetes manifests run', () => {
    const out = execFileSync(
      'bash',
      [join(REPO_ROOT, 'scripts', 'package-image.sh'), '--no-build', '--out', scratch, '--tag', tag],
      { encoding: 'utf8', cwd: REPO_ROOT, timeout: 400_000, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    assert.equal(out.trim().split('\n').at(-1), tag);
    assert.ok(existsSync(join(scratch, `vipd-image_${version}.oci.tar`)), 'the OCI archive');
    const ctr = execFileSync('buildah', ['from', '--pull-never', tag], { encoding: 'utf8' }).trim();
    containers.push(ctr);
    for (const file of ['vipd-daemonset.yaml', 'coordinator-deployment.yaml']) {
      const { image, command } = manifestContainer(file);
      assert.equal(image, `registry.example/vipd:${version}`, `${file}: the image package-image.sh tags`);
      const name = command.at(-1)?.split('/').at(-1) ?? '';
      const r = spawnSync('buildah', ['run', '--isolation', 'chroot', ctr, '--', ...command, '--version'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(r.status, 0, `${file}: ${command.join(' ')} --version: ${r.stderr}`);
      assert.equal(r.stdout, `${name} ${version}\n`);
    }
    // The image's build ran `dpkg -i` of the .deb in Debian (deb-package.test.ts only unpacks it):
    // dpkg took it as installed (its Depends met, its postinst run), with its units and /etc/vipd.
    const inImage = (argv: string[]) =>
      spawnSync('buildah', ['run', '--isolation', 'chroot', ctr, '--', ...argv], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const status = inImage(['dpkg-query', '-W', '-f', '${Status}|${Version}|${Depends}', 'vipd']);
    assert.equal(status.status, 0, status.stderr);
    const [state, debVersion, depends] = status.stdout.split('|');
    assert.equal(state, 'install ok installed');
    assert.ok(
      debVersion?.startsWith(version),
      `the .deb's version ${debVersion} is package.json's ${version}, and more`,
    );
    assert.match(depends ?? '', /nodejs \(>= \d+\)/);
    const files = inImage([
      'ls',
      '-d',
      '/etc/vipd',
      '/usr/lib/systemd/system/vipd.service',
      '/usr/lib/vipd/bin/vipd',
    ]);
    assert.equal(files.status, 0, `installed files: ${files.stderr}`);
    // vipadm, installed the same way, answers too (the manifests run only vipd and the coordinator).
    const help = inImage(['vipadm', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /vipadm/);
  });
});
