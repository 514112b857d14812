import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './errors';
import { convertValue, mergeLayers, type Setting, setPath } from './layered';

const SETTINGS: Setting[] = [
  { path: ['name'], kind: 'string', flag: '--name', env: 'T_NAME' },
  { path: ['net', 'port'], kind: 'int', flag: '--port', env: 'T_PORT' },
  { path: ['net', 'hosts'], kind: 'list', flag: '--hosts', env: 'T_HOSTS' },
  { path: ['drained'], kind: 'bool', flag: '--drained', env: 'T_DRAINED' },
  { path: ['secret'], kind: 'string', env: 'T_SECRET' },
];

function merge(argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) {
  return mergeLayers({
    argv,
    env,
    settings: SETTINGS,
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: no such file '${p}'\n    at readFileSync`);
      return text;
    },
  });
}

function refused(argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}): string {
  try {
    merge(argv, env, files);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('mergeLayers', () => {
  it('layers file < env < flags, setting by setting', () => {
    const files = { '/c.yaml': 'name: file\nnet: { port: 1, hosts: [f] }\nextra: kept\n' };
    const { merged, file } = merge(
      ['--config', '/c.yaml', '--port', '3'],
      { T_NAME: 'env', T_PORT: '2', T_HOSTS: 'a, b,,c ' },
      files,
    );
    assert.equal(file, '/c.yaml');
    assert.deepEqual(merged, { name: 'env', net: { port: 3, hosts: ['a', 'b', 'c'] }, extra: 'kept' });
  });

  it('treats an empty environment variable as unset', () => {
    const { merged } = merge(['--config', '/c.yaml'], { T_NAME: '' }, { '/c.yaml': 'name: file\n' });
    assert.equal(merged.name, 'file');
  });

  it('works without a file; a later flag wins over an earlier one', () => {
    const { merged, file } = merge(['--name', 'a', '--name=b'], { T_SECRET: 's' });
    assert.equal(file, undefined);
    assert.deepEqual(merged, { name: 'b', secret: 's' });
  });

  it('accepts --x v and --x=v, keeping "=" inside the value', () => {
    assert.equal(merge(['--name', 'x=y']).merged.name, 'x=y');
    assert.equal(merge(['--name=x=y']).merged.name, 'x=y');
    assert.equal(merge(['--name=']).merged.name, '');
    assert.equal(merge(['--config=/c.yaml'], {}, { '/c.yaml': 'name: f' }).merged.name, 'f');
  });

  it('takes a bool flag alone as true, and --x=false as false, without eating the next argument', () => {
    assert.deepEqual(merge(['--drained', '--name', 'n']).merged, { drained: true, name: 'n' });
    assert.equal(merge(['--drained=false']).merged.drained, false);
    assert.equal(merge([], { T_DRAINED: 'no' }).merged.drained, false);
    assert.equal(merge(['--drained'], { T_DRAINED: 'no' }).merged.drained, true);
  });

  const bad: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['an unknown flag', ['--bogus'], {}, /^unknown argument "--bogus" \(see --help\)$/],
    ['an unknown flag with a value', ['--bogus=1'], {}, /^unknown argument "--bogus=1"/],
    ['a positional argument', ['extra'], {}, /^unknown argument "extra"/],
    ['a setting that has no flag', ['--secret', 'x'], {}, /^unknown argument "--secret"/],
    ['a flag without its value', ['--name'], {}, /^--name needs a value$/],
    ['--config without its value', ['--config'], {}, /^--config needs a value$/],
    ['a flag that is not a whole number', ['--port', '1.5'], {}, /^--port: "1.5" is not a whole number$/],
    ['an env var that is not a whole number', [], { T_PORT: 'ten' }, /^T_PORT: "ten" is not a whole number$/],
    ['a bool that is not true/false', ['--drained=maybe'], {}, /^--drained: "maybe" is not true\/false$/],
  ];
  for (const [what, argv, env, re] of bad) {
    it(`refuses ${what} in one line`, () => assert.match(refused(argv, env), re));
  }

  it('refuses unreadable, malformed and non-mapping files in one line each', () => {
    assert.match(refused(['--config', '/none.yaml']), /^cannot read config \/none.yaml: ENOENT/);
    assert.match(
      refused(['--config', '/c.yaml'], {}, { '/c.yaml': 'a: [' }),
      /^config \/c.yaml is not valid YAML: /,
    );
    assert.match(
      refused(['--config', '/c.yaml'], {}, { '/c.yaml': '- a\n' }),
      /^config \/c.yaml: the top level must be a mapping$/,
    );
    assert.match(refused(['--config', '/c.yaml'], {}, { '/c.yaml': '42\n' }), /top level must be a mapping/);
  });

  it('reads an empty file as no settings', () => {
    assert.deepEqual(merge(['--config', '/c.yaml'], {}, { '/c.yaml': '# nothing\n' }).merged, {});
  });
});

describe('convertValue and setPath', () => {
  it('converts ints, bools and lists', () => {
    assert.equal(convertValue(' -7 ', 'int', 'x'), -7);
    for (const t of ['true', 'TRUE', '1', 'yes']) assert.equal(convertValue(t, 'bool', 'x'), true);
    for (const f of ['false', '0', 'No']) assert.equal(convertValue(f, 'bool', 'x'), false);
    assert.deepEqual(convertValue(' , ', 'list', 'x'), []);
    assert.equal(convertValue(' kept as is ', 'string', 'x'), ' kept as is ');
  });

  it('creates and replaces intermediate mappings', () => {
    const target: Record<string, unknown> = { a: 'scalar', b: { keep: 1 } };
    setPath(target, ['a', 'x'], 1);
    setPath(target, ['b', 'y'], 2);
    setPath(target, ['c', 'd', 'e'], 3);
    assert.deepEqual(target, { a: { x: 1 }, b: { keep: 1, y: 2 }, c: { d: { e: 3 } } });
  });
});
