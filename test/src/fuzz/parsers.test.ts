/**
 * Fuzz: the VIP spec parser (@vipd/store) and both config loaders (vipd's @vipd/config,
 * the coordinator's) with random and adversarial JSON and YAML, flags and environment.
 * Each may accept the input or throw its own typed error with a one-line message; nothing
 * else (no TypeError, RangeError, YAML error or zod error escaping). Bounded counts, seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError as VipdConfigError, loadVipdConfig } from '@vipd/config';
import { ConfigError as CoordinatorConfigError, loadCoordinatorConfig } from '@vipd/coordinator';
import { InvalidSpecError, parseVipSpec, parseVipSpecJson } from '@vipd/store';
import { REPO_ROOT } from '../harness/paths';
import { NASTY_STRINGS } from './payloads';
import { type Prng, withSeed } from './prng';

const CASES = 400;

const VALID_SPEC = JSON.stringify({
  name: 'web',
  address: '198.51.100.100/24',
  interface: 'e0',
  nodes: { n1: { priority: 150 }, n2: { priority: 100, interface: 'e1' } },
  preempt: true,
  preemptDelayMs: 500,
  announce: { count: 3, intervalMs: 100, refreshMs: 10000 },
  track: ['db'],
  onEtcdLoss: 'fence',
});
const VIPD_YAML = readFileSync(join(REPO_ROOT, 'deploy', 'vipd.example.yaml'), 'utf8');
const COORDINATOR_YAML = [
  'listen: 127.0.0.1:7500',
  'cluster: prod',
  'etcd: { endpoints: [http://198.51.100.2:2379], callTimeoutMs: 2000 }',
  'auth:',
  '  anonymous: viewer',
  '  tokens: [{ name: ops, role: operator, file: /tok }]',
  'reflection: false',
  'log: { level: info }',
  '',
].join('\n');

/** Text changed in a few places: flips, cuts, duplications, insertions of nasty pieces. */
function mutate(rng: Prng, text: string): string {
  let t = text;
  for (let n = 1 + rng.int(6); n > 0; n--) {
    const at = rng.int(t.length + 1);
    switch (rng.int(6)) {
      case 5: {
        // A value replaced by a quoted nasty string: reaches enums, names, addresses.
        const lines = t.split('\n');
        const i = rng.int(lines.length);
        lines[i] = (lines[i] ?? '').replace(
          /:\s*[^{[,\s][^,}\]]*/,
          `: ${JSON.stringify(rng.pick(NASTY_STRINGS))}`,
        );
        t = lines.join('\n');
        break;
      }
      case 0:
        t = t.slice(0, at) + String.fromCharCode(rng.int(0x3000)) + t.slice(at + 1);
        break;
      case 1:
        t = t.slice(0, at) + t.slice(at + 1 + rng.int(40));
        break;
      case 2:
        t = t.slice(0, at) + t.slice(at, at + rng.int(80)) + t.slice(at);
        break;
      case 3:
        t = t.slice(0, at) + rng.pick(PIECES) + t.slice(at);
        break;
      default:
        t = t.slice(0, at) + rng.pick(NASTY_STRINGS) + t.slice(at);
    }
  }
  return t;
}

const PIECES = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '\n',
  '\n  ',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '!!js/function ',
  '!!python/object ',
  '<<: *a',
  '%YAML 1.1\n---\n',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>-\n',
  '#',
  'null',
  'true',
  '1e400',
  '-0',
  '0x1F',
  '__proto__: { polluted: true }',
  '"__proto__": {"polluted": true}',
  '"constructor": {"prototype": {}}',
  '\u0000',
  '\ud800',
  '\ufeff',
];

/** Whole documents that stress a parser rather than a schema. */
function adversarialDocument(rng: Prng): string {
  const depth = rng.pick([100, 1000, 50_000]);
  switch (rng.int(7)) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(rng.bool() ? depth : 0);
    case 1:
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 2: {
      // The "billion laughs" alias bomb.
      const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 10; i++)
        lines.push(
          `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
            .fill(`*${'abcdefghij'[i - 1]}`)
            .join(',')}]`,
        );
      return lines.join('\n');
    }
    case 3:
      return `name: "${'x'.repeat(rng.pick([1000, 200_000]))}"\n`;
    case 4:
      return rng.bytes(rng.int(4096)).toString('latin1');
    case 5:
      return Array.from({ length: rng.int(200) }, () => rng.pick(PIECES)).join('');
    default:
      return `${'  '.repeat(rng.int(500))}- ${rng.pick(NASTY_STRINGS)}`;
  }
}

/** A random JSON-ish value: what a hostile etcd writer could store. */
function randomValue(rng: Prng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return rng.bool();
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), Number.MAX_VALUE, 1e-300, 256, 65536]);
    case 3:
      return rng.pick(NASTY_STRINGS);
    case 4:
      return rng.string(rng.int(20), 'abcxyz019-._/ ');
    case 5:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default: {
      const keys = [
        'name',
        'address',
        'interface',
        'nodes',
        'priority',
        'preempt',
        'announce',
        'track',
        'n1',
        '__proto__',
        'constructor',
        'onEtcdLoss',
        'preemptDelayMs',
      ];
      return Object.fromEntries(
        Array.from({ length: rng.int(5) }, () => [rng.pick(keys), randomValue(rng, depth + 1)]),
      );
    }
  }
}

/** A spec object with one or more fields replaced by random values. */
function mangledSpec(rng: Prng): unknown {
  const spec = JSON.parse(VALID_SPEC) as Record<string, unknown>;
  const keys = Object.keys(spec);
  for (let n = 1 + rng.int(3); n > 0; n--) {
    if (rng.int(5) === 0) delete spec[rng.pick(keys)];
    else spec[rng.pick([...keys, 'extra'])] = randomValue(rng);
  }
  return spec;
}

/** Runs fn; it may return, or throw an instance of expected with a one-line message. */
function onlyTyped(
  what: string,
  expected: new (...a: never[]) => Error,
  fn: () => unknown,
): 'ok' | 'refused' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (!(err instanceof expected)) {
      throw new Error(
        `${what}: threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`.slice(0, 600),
      );
    }
    assert.ok(
      !err.message.includes('\n'),
      `${what}: a multi-line message: ${JSON.stringify(err.message.slice(0, 300))}`,
    );
    assert.ok(
      err.message.length > 0 && err.message.length <= 4000,
      `${what}: message length ${err.message.length}`,
    );
    return 'refused';
  }
}

const brief = (s: string): string => JSON.stringify(s.slice(0, 160));

describe('fuzz: VIP spec parser and config loaders', { timeout: 120_000 }, () => {
  it(`parseVipSpecJson / parseVipSpec: ${CASES * 3} hostile specs, only InvalidSpecError`, async () => {
    await withSeed('vip spec fuzz', (rng) => {
      let accepted = 0;
      for (let i = 0; i < CASES; i++) {
        const text = rng.bool() ? mutate(rng, VALID_SPEC) : adversarialDocument(rng);
        onlyTyped(`spec text #${i} ${brief(text)}`, InvalidSpecError, () =>
          parseVipSpecJson(text, rng.bool() ? 'web' : undefined),
        );
        const raw = rng.bool() ? mangledSpec(rng) : randomValue(rng);
        if (
          onlyTyped(`spec value #${i} ${brief(JSON.stringify(raw) ?? '')}`, InvalidSpecError, () =>
            parseVipSpec(raw),
          ) === 'ok'
        )
          accepted++;
        const json = JSON.stringify(mangledSpec(rng));
        onlyTyped(`spec json #${i} ${brief(json)}`, InvalidSpecError, () => parseVipSpecJson(json, 'web'));
      }
      assert.ok(accepted < CASES, 'most hostile specs are refused');
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });
  });

  it(`loadVipdConfig: ${CASES} hostile YAML files, flags and environments, only ConfigError`, async () => {
    await withSeed('vipd config fuzz', (rng) => {
      for (let i = 0; i < CASES; i++) {
        const text = rng.int(3) > 0 ? mutate(rng, VIPD_YAML) : adversarialDocument(rng);
        const env: NodeJS.ProcessEnv = {};
        if (rng.bool())
          env[
            rng.pick(['VIPD_LEASE_TTL_SECONDS', 'VIPD_ETCD_ENDPOINTS', 'VIPD_NODE_DRAINED', 'VIPD_CLUSTER'])
          ] = rng.pick(NASTY_STRINGS);
        const argv = [
          '--config',
          '/c.yaml',
          ...(rng.int(4) === 0
            ? [rng.pick(['--lease-ttl', '--listen', '--drained', '--bogus']), rng.pick(NASTY_STRINGS)]
            : []),
        ];
        onlyTyped(
          `vipd config #${i} ${brief(text)} argv ${JSON.stringify(argv.slice(2))}`,
          VipdConfigError,
          () =>
            loadVipdConfig({
              argv,
              env,
              defaultNodeName: 'n1',
              readFile: (p) => {
                if (p === '/c.yaml') return text;
                throw new Error(`ENOENT: no such file or directory, open '${p}'`);
              },
            }),
        );
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });
  });

  it(`loadCoordinatorConfig: ${CASES} hostile YAML files and token files, only ConfigError`, async () => {
    await withSeed('coordinator config fuzz', (rng) => {
      for (let i = 0; i < CASES; i++) {
        const text = rng.int(3) > 0 ? mutate(rng, COORDINATOR_YAML) : adversarialDocument(rng);
        const token = rng.int(3) === 0 ? 'x'.repeat(64) : mutate(rng, 'f'.repeat(40));
        const mode = rng.pick([0o600, 0o640, 0o644, 0o666, 0o400]);
        onlyTyped(`coordinator config #${i} ${brief(text)}`, CoordinatorConfigError, () =>
          loadCoordinatorConfig({
            argv: ['--config', '/c.yaml'],
            env: rng.bool() ? { VIPD_COORDINATOR_LISTEN: rng.pick(NASTY_STRINGS) } : {},
            fileMode: () => mode,
            readFile: (p) => {
              if (p === '/c.yaml') return text;
              if (p === '/tok') return token;
              throw new Error(`ENOENT: no such file or directory, open '${p}'`);
            },
          }),
        );
      }
    });
  });
});
