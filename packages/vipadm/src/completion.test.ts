/**
 * `vipadm completion bash|zsh`: the scripts parse (bash -n, zsh -n where zsh is installed), and
 * the bash one, sourced in a real bash, completes commands, subcommands, options and values.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { finish, start } from './testing/run-vipadm';

const dir = mkdtempSync(join(tmpdir(), 'vipadm-completion-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function script(shell: string): Promise<string> {
  const r = await finish(start(['completion', shell]));
  assert.equal(r.code, 0, r.stderr);
  const file = join(dir, `vipadm.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

/** What the bash completion offers for the words typed so far (the last one is being completed). */
function complete(file: string, line: string): string[] {
  const words = line.split(' ');
  const program = [
    `source ${file}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_vipadm',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', program], { encoding: 'utf8', cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

describe('vipadm completion', () => {
  it('bash: bash -n accepts the script', async () => {
    const r = spawnSync('bash', ['-n', await script('bash')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('bash: completes commands, subcommands, options and their values', async () => {
    const file = await script('bash');
    assert.deepEqual(complete(file, 'vipadm '), [
      'apply',
      'completion',
      'config',
      'export',
      'help',
      'import-keepalived',
      'node',
      'pool',
      'service',
      'status',
      'vip',
      'watch',
    ]);
    assert.deepEqual(complete(file, 'vipadm config '), ['view']);
    assert.deepEqual(complete(file, 'vipadm pool '), ['add', 'get', 'list', 'rm']);
    assert.deepEqual(complete(file, 'vipadm vip add web --po'), ['--pool']);
    assert.deepEqual(complete(file, 'vipadm service '), ['add', 'backend', 'get', 'list', 'rm', 'set']);
    assert.deepEqual(complete(file, 'vipadm service backend '), ['add', 'drain', 'rm', 'weight']);
    assert.deepEqual(complete(file, 'vipadm vip '), ['add', 'get', 'list', 'move', 'rm', 'set', 'unpin']);
    assert.deepEqual(complete(file, 'vipadm vip u'), ['unpin']);
    assert.deepEqual(complete(file, 'vipadm --server a:1 -o json vip m'), ['move']);
    assert.deepEqual(complete(file, 'vipadm vip move web --t'), [
      '--to',
      '--timeout',
      '--token',
      '--token-file',
      '--tls',
      '--tls-ca',
      '--tls-cert',
      '--tls-key',
    ]);
    assert.deepEqual(complete(file, 'vipadm -o y'), ['yaml']);
    assert.deepEqual(complete(file, 'vipadm completion '), ['bash', 'zsh']);
    assert.deepEqual(complete(file, 'vipadm apply -f c.yaml --d'), ['--dry-run']);
    writeFileSync(join(dir, 'op.token'), 'x\n');
    assert.deepEqual(complete(file, 'vipadm --token-file op.t'), ['op.token']);
  });

  it('zsh: zsh -n accepts the script', { skip: hasZsh ? false : 'zsh is not installed here' }, async () => {
    const r = spawnSync('zsh', ['-n', await script('zsh')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
