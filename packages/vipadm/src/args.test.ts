import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CALL_TIMEOUT_MS, parseArgs, redactTokenArgs, type Env } from './args';
import type { ConfigFile } from './config-file';
import { UsageError } from './errors';

const parse = (line: string, env: Env = {}) => parseArgs(line.split(' ').filter(Boolean), env);
const command = (line: string, env: Env = {}) => parse(line, env).command;

/** Asserts a usage error (exit 2) with a one-line message matching `pattern`. */
function usage(line: string, pattern: RegExp, env: Env = {}) {
  assert.throws(
    () => parse(line, env),
    (err: unknown) => {
      assert.ok(err instanceof UsageError, `not a UsageError: ${String(err)}`);
      assert.equal(err.exitCode, 2);
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

describe('vip add', () => {
  it('builds the spec: --node n1=150 --node n2 gives priorities 150 and 100', () => {
    const c = command('vip add web --address 198.51.100.100/24 --interface e0 --node n1=150 --node n2');
    assert.deepEqual(c, {
      kind: 'vip-add',
      spec: {
        name: 'web',
        address: '198.51.100.100/24',
        interface: 'e0',
        nodes: { n1: { priority: 150, interface: '' }, n2: { priority: 100, interface: '' } },
        preempt: true,
        preempt_delay_ms: 0,
      },
    });
  });

  it('takes --no-preempt, --preempt-delay, announce settings (others defaulted) and per-node interfaces', () => {
    const c = command(
      'vip add db --address=2001:db8::10/64 --interface e1 --node n1 --node-interface n1=bond0 ' +
        '--no-preempt --preempt-delay 5000 --announce-count 5',
    );
    assert.equal(c.kind, 'vip-add');
    if (c.kind !== 'vip-add') return;
    assert.equal(c.spec.preempt, false);
    assert.equal(c.spec.preempt_delay_ms, 5000);
    assert.deepEqual(c.spec.nodes, { n1: { priority: 100, interface: 'bond0' } });
    assert.deepEqual(c.spec.announce, {
      count: 5,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 10000,
      second_burst_delay_ms: 0,
    });
  });

  it('--announce-mode arp|bgp|both sets announce.mode (other announce settings defaulted)', () => {
    const c = command('vip add web --address 203.0.113.10/32 --interface e0 --announce-mode bgp');
    assert.equal(c.kind, 'vip-add');
    if (c.kind !== 'vip-add') return;
    assert.deepEqual(c.spec.announce, {
      count: 3,
      interval_ms: 100,
      refresh_ms: 30000,
      probe_ms: 10000,
      second_burst_delay_ms: 0,
      mode: 'bgp',
    });
    usage(
      'vip add web --address 203.0.113.10/32 --interface e0 --announce-mode ospf',
      /--announce-mode "ospf": arp, bgp or both/,
    );
  });

  it('without --node leaves the node list empty (every node) and announce unset', () => {
    const c = command('vip add web --address 198.51.100.100/24 --interface e0');
    assert.ok(c.kind === 'vip-add' && Object.keys(c.spec.nodes).length === 0 && !('announce' in c.spec));
  });

  it('takes --track (repeatable, in order), --on-etcd-loss and --announce-probe', () => {
    const c = command(
      'vip add web --address 198.51.100.100/24 --interface e0 --track b --track a_1 --track -x ' +
        '--on-etcd-loss failsafe --announce-probe 5000',
    );
    assert.deepEqual(c, {
      kind: 'vip-add',
      spec: {
        name: 'web',
        address: '198.51.100.100/24',
        interface: 'e0',
        nodes: {},
        preempt: true,
        preempt_delay_ms: 0,
        announce: { count: 3, interval_ms: 100, refresh_ms: 30000, probe_ms: 5000, second_burst_delay_ms: 0 },
        track: ['b', 'a_1', '-x'],
        track_weighted: [],
        on_etcd_loss: 'failsafe',
      },
    });
    const fence = command('vip add web --address 198.51.100.100/24 --interface e0 --on-etcd-loss=fence');
    assert.ok(fence.kind === 'vip-add' && fence.spec.on_etcd_loss === 'fence' && !('track' in fence.spec));
    const long = command(`vip add web --address 198.51.100.100/24 --interface e0 --track ${'c'.repeat(63)}`);
    assert.ok(long.kind === 'vip-add' && long.spec.track?.[0]?.length === 63);
    const max = command('vip add web --address 198.51.100.100/24 --interface e0 --announce-probe 86400000');
    assert.ok(max.kind === 'vip-add' && max.spec.announce?.probe_ms === 86_400_000);
  });

  it('refuses bad --track, --on-etcd-loss and --announce-probe values with one line', () => {
    const add = 'vip add web --address 198.51.100.100/24 --interface e0';
    usage(`${add} --track a.b`, /^bad --track check name "a\.b": letters, digits, "-" and "_", at most 63/);
    usage(`${add} --track ${'c'.repeat(64)}`, /bad --track check name "c{64}"/);
    usage(`${add} --track=`, /bad --track check name ""/);
    usage(`${add} --track a --track b --track a`, /^--track a given twice$/);
    usage(`${add} --track`, /^--track needs a value$/);
    usage(`${add} --track --on-etcd-loss fence`, /^--track needs a value$/);
    usage(`${add} --no-track`, /^unknown option --no-track for "vip add"$/);
    usage(`${add} --on-etcd-loss drop`, /^--on-etcd-loss must be fence or failsafe, got "drop"$/);
    usage(`${add} --on-etcd-loss Fence`, /must be fence or failsafe, got "Fence"/);
    usage(`${add} --on-etcd-loss=`, /must be fence or failsafe, got ""/);
    usage(`${add} --on-etcd-loss fence --on-etcd-loss failsafe`, /^--on-etcd-loss given twice$/);
    usage(`${add} --on-etcd-loss`, /^--on-etcd-loss needs a value$/);
    usage(
      `${add} --announce-probe 0`,
      /^--announce-probe must be between 1 and 86400000, got 0: the coordinator reads 0 as "the default" \(10000\), so leave --announce-probe out for the default$/,
    );
    usage(`${add} --announce-probe 000`, /got 000: the coordinator reads 0 as "the default"/);
    usage(
      `${add} --announce-probe 86400001`,
      /^--announce-probe must be between 1 and 86400000, got 86400001$/,
    );
    usage(`${add} --announce-probe 5s`, /^--announce-probe must be a whole number, got "5s"$/);
    usage(`${add} --announce-probe -5`, /must be a whole number, got "-5"/);
    usage(`${add} --announce-probe 1 --announce-probe 2`, /^--announce-probe given twice$/);
    // The other announce options explain their 0 the same way.
    usage(
      `${add} --announce-count 0`,
      /between 1 and 100, got 0: the coordinator reads 0 as "the default" \(3\)/,
    );
    usage(`${add} --announce-refresh 0`, /reads 0 as "the default" \(30000\)/);
  });

  it('refuses bad input with one line', () => {
    usage('vip add', /"vip add" needs NAME/);
    usage('vip add web --interface e0', /needs --address/);
    usage('vip add web --address 198.51.100.100/24', /needs --interface/);
    usage('vip add Web --address 198.51.100.100/24 --interface e0', /bad VIP name "Web"/);
    usage('vip add web --address 198.51.100.100 --interface e0', /ADDRESS\/PREFIX/);
    usage('vip add web --address 198.51.100.100/33 --interface e0', /ADDRESS\/PREFIX/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --node n1=0', /between 1 and 255/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --node n1=abc', /whole number/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --node n1 --node n1=5', /n1 given twice/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --node-interface n9=e1', /n9 is not in/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --preempt --no-preempt', /not both/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --announce-interval 0', /between 1/);
    usage('vip add web --address 198.51.100.100/24 --interface e0 --announce-count 0', /between 1 and 100/);
    usage('vip move web --to n2 --timeout 600001', /between 1 and 600000/);
    usage('vip add web --address 198.51.100.100/24 --interface this-name-is-too-long', /interface name/);
    usage('vip add web --address', /--address needs a value/);
    usage('vip add web --address 198.51.100.100/24 --address 198.51.100.1/24 --interface e0', /given twice/);
    usage('vip add web extra --address 198.51.100.100/24 --interface e0', /unexpected argument "extra"/);
    usage('vip add web --to n1', /unknown option --to for "vip add"/);
    usage('vip add web --no-preempt=yes', /takes no value/);
  });
});

describe('vip set', () => {
  const set = (options: string) => command(`vip set web ${options}`);
  it('--track replaces the list, --no-track clears it, --on-etcd-loss and --announce-probe', () => {
    assert.deepEqual(set('--track nginx --track uplink'), {
      kind: 'vip-set',
      name: 'web',
      changes: { track: ['nginx', 'uplink'], trackWeighted: [] },
    });
    assert.deepEqual(set('--track nginx --track svc:-20 --track up:+5'), {
      kind: 'vip-set',
      name: 'web',
      changes: {
        track: ['nginx'],
        trackWeighted: [
          { check: 'svc', weight: -20 },
          { check: 'up', weight: 5 },
        ],
      },
    });
    assert.deepEqual(set('--no-track'), {
      kind: 'vip-set',
      name: 'web',
      changes: { track: [], trackWeighted: [] },
    });
    assert.deepEqual(set('--on-etcd-loss fence'), {
      kind: 'vip-set',
      name: 'web',
      changes: { onEtcdLoss: 'fence' },
    });
    assert.deepEqual(set('--announce-probe 60000'), {
      kind: 'vip-set',
      name: 'web',
      changes: { announce: { probe_ms: 60000 } },
    });
  });

  it('takes the address options and the second burst (0: none)', () => {
    assert.deepEqual(
      set('--label web --no-prefix-route --scope link --broadcast + --announce-second-burst 5000'),
      {
        kind: 'vip-set',
        name: 'web',
        changes: {
          announce: { second_burst_delay_ms: 5000 },
          label: 'web',
          noPrefixRoute: true,
          scope: 'link',
          broadcast: '+',
        },
      },
    );
    assert.deepEqual(set('--prefix-route --label= --announce-second-burst 0'), {
      kind: 'vip-set',
      name: 'web',
      changes: { announce: { second_burst_delay_ms: 0 }, label: '', noPrefixRoute: false },
    });
    usage('vip set web --label a/b', /^bad --label "a\/b": 1-14 letters/);
    usage('vip set web --scope universe', /^bad --scope "universe": global, site, link, host$/);
    usage(
      'vip set web --prefix-route --no-prefix-route',
      /^give --no-prefix-route or --prefix-route, not both$/,
    );
    usage('vip set web --announce-second-burst -1', /--announce-second-burst/);
  });

  it('refuses bad or contradicting options with one line', () => {
    usage('vip set web --track nginx --no-track', /^give --track or --no-track, not both$/);
    usage('vip set web --no-track --no-track', /^--no-track given twice$/);
    usage('vip set web --no-track=yes', /^--no-track takes no value$/);
    usage('vip set web --track a/b', /bad --track check name "a\/b"/);
    usage(
      'vip set web --track svc:-254',
      /^bad --track svc:-254: the weight must be a whole number from -253 to 253, not 0/,
    );
    usage('vip set web --track svc:0', /not 0 \(CHECK:WEIGHT, e\.g\. svc:-20\)$/);
    usage('vip set web --track svc:x', /the weight must be a whole number/);
    usage('vip set web --track svc:-20 --track svc', /^--track svc given twice$/);
    usage('vip set web --on-etcd-loss keep', /must be fence or failsafe/);
    usage('vip set web --announce-probe 0', /got 0: the coordinator reads 0 as "the default" \(10000\)/);
  });
});

describe('other commands', () => {
  it('parses every command of the contract', () => {
    assert.deepEqual(command('vip list'), { kind: 'vip-list' });
    assert.deepEqual(command('vip ls'), { kind: 'vip-list' });
    assert.deepEqual(command('vip get web'), { kind: 'vip-get', name: 'web' });
    assert.deepEqual(command('vip rm web'), { kind: 'vip-rm', name: 'web' });
    assert.deepEqual(command('vip delete web'), { kind: 'vip-rm', name: 'web' });
    assert.deepEqual(command('vip move web --to n2'), {
      kind: 'vip-move',
      name: 'web',
      to: 'n2',
      timeoutMs: 10000,
    });
    assert.deepEqual(command('vip move web --to n2 --timeout 30000'), {
      kind: 'vip-move',
      name: 'web',
      to: 'n2',
      timeoutMs: 30000,
    });
    assert.deepEqual(command('vip unpin web'), { kind: 'vip-unpin', name: 'web' });
    assert.deepEqual(command('vip add web --pool public --interface e0'), {
      kind: 'vip-add',
      spec: { name: 'web', address: '', interface: 'e0', nodes: {}, preempt: true, preempt_delay_ms: 0 },
      pool: 'public',
    });
    const v6 = command('vip add web --pool public --family ipv6 --interface e0');
    assert.equal(v6.kind === 'vip-add' && v6.family, 'ipv6');
    assert.deepEqual(
      command('pool add public --address 198.51.100.16/28,198.51.100.40-198.51.100.49 --vip-prefix4 24'),
      {
        kind: 'pool-add',
        name: 'public',
        addresses: ['198.51.100.16/28', '198.51.100.40-198.51.100.49'],
        prefix4: 24,
        prefix6: 128,
      },
    );
    assert.deepEqual(command('pool ls'), { kind: 'pool-list' });
    assert.deepEqual(command('import-keepalived k.conf --node db1'), {
      kind: 'import-keepalived',
      file: 'k.conf',
      node: 'db1',
    });
    assert.deepEqual(command('pool get public'), { kind: 'pool-get', name: 'public' });
    assert.deepEqual(command('pool delete public'), { kind: 'pool-rm', name: 'public' });
    assert.deepEqual(command('node list'), { kind: 'node-list' });
    assert.deepEqual(command('node drain n1'), { kind: 'node-drain', name: 'n1' });
    assert.deepEqual(command('node undrain n1'), { kind: 'node-undrain', name: 'n1' });
    assert.deepEqual(command('status'), { kind: 'status' });
    assert.deepEqual(command('watch'), { kind: 'watch' });
    assert.deepEqual(command('watch --vip web --node n1'), { kind: 'watch', vip: 'web', node: 'n1' });
    assert.deepEqual(command('vip set web --no-preempt'), {
      kind: 'vip-set',
      name: 'web',
      changes: { preempt: false },
    });
  });

  it('refuses unknown commands, missing and extra arguments with one line', () => {
    usage('', /no command given/);
    usage('frobnicate', /unknown command "frobnicate"/);
    usage('vip', /"vip" needs a subcommand/);
    usage('vip frob web', /unknown command "vip frob"/);
    usage('node', /"node" needs a subcommand/);
    usage('vip get', /needs NAME/);
    usage('vip rm', /needs NAME/);
    usage('vip move web', /needs --to NODE/);
    usage('vip unpin', /NAME/);
    usage('vip add web --interface e0', /needs --address ADDR\/PREFIX \(or --pool POOL\)/);
    usage('vip add web --pool p --address 198.51.100.1/24 --interface e0', /--address or --pool, not both/);
    usage('vip add web --pool p --family ipv5 --interface e0', /bad --family "ipv5"/);
    usage('vip add web --address 198.51.100.1/24 --family ipv4 --interface e0', /--family goes with --pool/);
    usage('pool add public', /needs --address CIDR\|FIRST-LAST/);
    usage('pool add public --address 198.51.100.0/28 --vip-prefix4 33', /--vip-prefix4/);
    usage('pool add Public --address 198.51.100.0/28', /bad pool name "Public"/);
    usage('vip unpin Web!', /name/);
    usage('vip move web --to n2 --timeout soon', /--timeout must be a whole number/);
    usage('vip move web --to n2!', /bad --to node "n2!"/);
    usage('node drain', /needs NODE/);
    usage('node drain n1 n2', /unexpected argument "n2"/);
    usage('status now', /unexpected argument "now"/);
    usage('watch --vip', /--vip needs a value/);
    usage('vip set web', /at least one change/);
    usage('vip list -x', /unknown option -x/);
  });
});

describe('global options', () => {
  it('defaults: localhost:7500, table, 10 s deadline, no token, no TLS', () => {
    assert.deepEqual(parse('status').global, {
      server: 'localhost:7500',
      output: 'table',
      callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
      token: undefined,
      tls: undefined,
      context: undefined,
      configFile: undefined,
    });
  });

  it('flag beats env beats default; global options go before or after the command', () => {
    const env = { VIPADM_SERVER: 'coord:7500', VIPADM_OUTPUT: 'json', VIPADM_TOKEN: 'env-token' };
    assert.equal(parse('status', env).global.server, 'coord:7500');
    assert.equal(parse('status', env).global.output, 'json');
    assert.deepEqual(parse('status', env).global.token, {
      from: 'env',
      value: 'env-token',
      via: 'VIPADM_TOKEN',
    });
    const g = parse('--server 10.0.0.1:7600 vip list -o table --token-file /t', env).global;
    assert.equal(g.server, '10.0.0.1:7600');
    assert.equal(g.output, 'table');
    assert.deepEqual(g.token, { from: 'file', path: '/t', via: '--token-file' });
    assert.deepEqual(parse('-ojson status').global.output, 'json');
    assert.deepEqual(parse('--output=json status').global.output, 'json');
    assert.deepEqual(parse('--token abc status').global.token, {
      from: 'flag',
      value: 'abc',
      via: '--token',
    });
    assert.equal(parse('--server [::1]:7500 status').global.server, '[::1]:7500');
    assert.equal(parse('--call-timeout 2500 status').global.callTimeoutMs, 2500);
  });

  it('wires TLS from any --tls-* flag', () => {
    assert.deepEqual(parse('--tls status').global.tls, { ca: undefined, cert: undefined, key: undefined });
    assert.deepEqual(parse('--tls-ca ca.pem --tls-cert c.pem --tls-key k.pem status').global.tls, {
      ca: 'ca.pem',
      cert: 'c.pem',
      key: 'k.pem',
    });
  });

  it('takes the token file and TLS files from VIPADM_TOKEN_FILE and VIPADM_TLS_CA/CERT/KEY; flags win', () => {
    const env = {
      VIPADM_TOKEN_FILE: '/etc/vipd/op.token',
      VIPADM_TLS_CA: '/tls/ca.pem',
      VIPADM_TLS_CERT: '/tls/c.pem',
      VIPADM_TLS_KEY: '/tls/k.pem',
    };
    const g = parse('status', env).global;
    assert.deepEqual(g.token, { from: 'file', path: '/etc/vipd/op.token', via: 'VIPADM_TOKEN_FILE' });
    assert.deepEqual(g.tls, { ca: '/tls/ca.pem', cert: '/tls/c.pem', key: '/tls/k.pem' });
    const flags = parse('--token-file /mine --tls-ca /my-ca.pem status', env).global;
    assert.deepEqual(flags.token, { from: 'file', path: '/mine', via: '--token-file' });
    assert.equal(flags.tls?.ca, '/my-ca.pem');
    assert.equal(flags.tls?.cert, '/tls/c.pem');
    usage('status', /VIPADM_TOKEN and VIPADM_TOKEN_FILE are both set/, { ...env, VIPADM_TOKEN: 't' });
    usage('status', /--tls-cert and --tls-key go together/, { VIPADM_TLS_CERT: '/c.pem' });
  });

  it('-o table, wide, json and yaml', () => {
    for (const o of ['table', 'wide', 'json', 'yaml'])
      assert.equal(parse(`-o ${o} vip list`).global.output, o);
  });

  it('refuses bad global values with one line', () => {
    usage('-o xml status', /-o must be table, wide, json, yaml, got "xml"/);
    usage('status', /-o must be table, wide, json, yaml/, { VIPADM_OUTPUT: 'xml' });
    usage('--server localhost status', /--server must be HOST:PORT/);
    usage('status', /--server must be HOST:PORT/, { VIPADM_SERVER: 'http://x:1' });
    usage('--token a --token-file f status', /not both/);
    usage('--tls-cert c.pem status', /--tls-cert and --tls-key go together/);
    usage('--call-timeout 0 status', /between 1/);
    usage('--server', /--server needs a value/);
  });
});

describe('contexts from the config file', () => {
  const file: ConfigFile = {
    path: '/home/op/.config/vipadm/config.yaml',
    currentContext: 'prod',
    contexts: {
      prod: { server: 'coord.example:7500', tokenFile: '/home/op/prod.token', tlsCa: '/ca.pem' },
      lab: { server: '198.51.100.2:7500' },
    },
  };
  const withFile = (line: string, env: Env = {}) => parseArgs(line.split(' '), env, () => file).global;

  it('uses the current context; --context or VIPADM_CONTEXT picks another; flags and env beat it', () => {
    const prod = withFile('status');
    assert.equal(prod.context, 'prod');
    assert.equal(prod.server, 'coord.example:7500');
    assert.deepEqual(prod.token, {
      from: 'file',
      path: '/home/op/prod.token',
      via: 'the token-file of context prod',
    });
    assert.deepEqual(prod.tls, { ca: '/ca.pem', cert: undefined, key: undefined });
    const lab = withFile('--context lab status');
    assert.equal(lab.server, '198.51.100.2:7500');
    assert.equal(lab.token, undefined);
    assert.equal(lab.tls, undefined);
    assert.equal(withFile('status', { VIPADM_CONTEXT: 'lab' }).server, '198.51.100.2:7500');
    assert.equal(withFile('--server other:1 status').server, 'other:1');
    assert.equal(withFile('status', { VIPADM_SERVER: 'env:1' }).server, 'env:1');
    assert.equal(withFile('status', { VIPADM_TOKEN: 'x' }).token?.via, 'VIPADM_TOKEN');
  });

  it('refuses an unknown context, or a context without a config file', () => {
    assert.throws(
      () => withFile('--context staging status'),
      /no context "staging" in .*config.yaml \(it has: prod, lab\)/,
    );
    usage('--context lab status', /no config file, so no context "lab"/);
  });

  it('config view shows the context in use (and is a command of its own)', () => {
    const r = parseArgs(['--context', 'lab', 'config', 'view'], {}, () => file);
    assert.deepEqual(r.command, { kind: 'config-view' });
    assert.equal(r.global.server, '198.51.100.2:7500');
    assert.equal(r.global.configFile, file.path);
  });

  it('help, version and completion never read the config file', () => {
    const broken = () => {
      throw new UsageError('config file broken');
    };
    for (const line of ['--help', '--version', 'completion bash', 'vip list --help']) {
      assert.doesNotThrow(() => parseArgs(line.split(' '), {}, broken), line);
    }
    assert.throws(() => parseArgs(['status'], {}, broken), /config file broken/);
  });
});

describe('help and version', () => {
  it('an unknown command is "unknown command" (exit 2), also with --help or after help', () => {
    usage('frobnicate --help', /^unknown command "frobnicate" \(see vipadm --help\)$/);
    usage('help frobnicate', /^unknown command "frobnicate"/);
    usage('vip frob --help', /^unknown command "vip frob" \(see vipadm vip --help\)$/);
    usage('-h node nuke', /^unknown command "node nuke"/);
  });

  it('completion bash|zsh', () => {
    assert.deepEqual(command('completion bash'), { kind: 'completion', shell: 'bash' });
    assert.deepEqual(command('completion zsh'), { kind: 'completion', shell: 'zsh' });
    usage('completion fish', /SHELL must be bash or zsh, got "fish"/);
    usage('completion', /"completion" needs SHELL/);
  });

  it('--help anywhere, or help WORDS, names the topic; bad flags do not block help', () => {
    assert.deepEqual(command('--help'), { kind: 'help', topic: '' });
    assert.deepEqual(command('vip add --help'), { kind: 'help', topic: 'vip add' });
    assert.deepEqual(command('vip add web --bogus -h'), { kind: 'help', topic: 'vip add' });
    assert.deepEqual(command('help vip move'), { kind: 'help', topic: 'vip move' });
    assert.deepEqual(command('help node'), { kind: 'help', topic: 'node' });
    assert.deepEqual(command('vip ls --help'), { kind: 'help', topic: 'vip list' });
    assert.deepEqual(command('--version'), { kind: 'version' });
  });
});

describe('redactTokenArgs', () => {
  it('replaces the value of --token T and --token=T, nothing else', () => {
    assert.deepEqual(redactTokenArgs(['--server', 'a:1', '--token', 's3cret', 'watch']), [
      '--server',
      'a:1',
      '--token',
      '***',
      'watch',
    ]);
    assert.deepEqual(redactTokenArgs(['--token=s3cret', 'vip', 'list']), ['--token=***', 'vip', 'list']);
    assert.deepEqual(redactTokenArgs(['--token-file', 'f', 'status']), ['--token-file', 'f', 'status']);
  });
});
