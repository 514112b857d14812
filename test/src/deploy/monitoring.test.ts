/**
 * deploy/grafana/ and deploy/prometheus/: the dashboard and the alert rules an operator loads.
 * Both parse, every query is valid PromQL (Prometheus's own grammar), and every metric name
 * they use is one that vipd or the coordinator really registers: read from the code that registers them (services/{vipd,coordinator}/src/
 * metrics.ts) and, for prom-client's process metrics, from the prom-client the daemons run.
 * A renamed metric turns this red instead of leaving a blank panel or an alert that never fires.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parser } from '@prometheus-io/lezer-promql';
import { readYamlFile } from '@vipd/config';
import { REPO_ROOT, VIPD_DIR } from '../harness/paths';

const GRAFANA = join(REPO_ROOT, 'deploy', 'grafana');
const ALERTS = join(REPO_ROOT, 'deploy', 'prometheus', 'vipd-alerts.yaml');
const METRIC_SOURCES = [
  join(REPO_ROOT, 'services', 'vipd', 'src', 'metrics.ts'),
  join(REPO_ROOT, 'services', 'coordinator', 'src', 'metrics.ts'),
];

type Kind = 'counter' | 'gauge' | 'histogram' | 'summary';

/** Prometheus's own series for every target. */
const PROMETHEUS_SERIES = new Map<string, Kind>([['up', 'gauge']]);

/**
 * The metrics the code registers, with their types: `new Histogram({ name: 'x'` and the
 * daemon's helpers `this.histogram('x'`, likewise for counters and gauges.
 */
function registeredInSource(): Map<string, Kind> {
  const out = new Map<string, Kind>();
  const re =
    /(?:new (Counter|Gauge|Histogram)\(\{\s*name:\s*|this\.(counter|gauge|histogram)(?:<[^>]*>)?\(\s*)'(vipd_[a-z0-9_]+)'/g;
  for (const file of METRIC_SOURCES) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      out.set(m[3]!, (m[1] ?? m[2]!).toLowerCase() as Kind);
    }
    // Every vipd_ name in the file was seen by the pattern (else it would miss a metric).
    for (const [, name] of text.matchAll(/'(vipd_[a-z0-9_]+)'/g)) {
      assert.ok(out.has(name!), `${file}: ${name} registered in a way this test does not read`);
    }
  }
  return out;
}

/** prom-client's default metrics, from the prom-client that vipd loads. */
async function defaultMetrics(): Promise<Map<string, Kind>> {
  // The test package does not depend on prom-client: what it reads of it, typed here.
  const promClient = createRequire(join(VIPD_DIR, 'package.json'))('prom-client') as {
    Registry: new () => { getMetricsAsJSON(): Promise<{ name: string; type: unknown }[]> };
    collectDefaultMetrics(opts: { register: unknown }): void;
  };
  const registry = new promClient.Registry();
  promClient.collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  return new Map(metrics.map((m) => [m.name, String(m.type) as Kind]));
}

/** Grafana's variables, replaced by what they stand for before the PromQL is parsed. */
function withoutVariables(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '5m').replace(/\$\{?(\w+)\}?/g, 'x');
}

/**
 * The metric names a PromQL expression reads (its vector selectors), parsed with Prometheus's
 * own PromQL grammar (@prometheus-io/lezer-promql); a syntax error throws. Grafana's variables are
 * substituted first; `label_values(metric, label)` (a Grafana variable query) reads `metric`.
 */
export function metricNames(expr: string): string[] {
  const values = /^\s*label_values\(\s*([^,]+?)\s*,\s*\w+\s*\)\s*$/.exec(expr);
  const promql = withoutVariables(values ? values[1]! : expr);
  const names = new Set<string>();
  const errors: number[] = [];
  parser.parse(promql).iterate({
    enter: (n) => {
      if (n.type.isError) errors.push(n.from);
      if (n.name === 'Identifier' && n.node.parent?.name === 'VectorSelector') {
        names.add(promql.slice(n.from, n.to));
      }
    },
  });
  if (errors.length > 0) {
    throw new Error(`not valid PromQL at ${errors[0]}: ${JSON.stringify(promql)}`);
  }
  return [...names];
}

/** The base metric of a series name: a histogram's _bucket, _sum and _count are its own. */
function baseOf(name: string, known: Map<string, Kind>): { base: string; kind?: Kind } {
  if (known.has(name)) return { base: name, kind: known.get(name) };
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (m && known.get(m[1]!) === 'histogram') return { base: m[1]!, kind: 'histogram' };
  return { base: name };
}

type Obj = Record<string, unknown>;

/** Every PromQL expression of a dashboard: its panels' (rows' too), variables' and annotations'. */
function dashboardExprs(dash: Obj): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  const walkPanels = (panels: unknown): void => {
    for (const p of (panels as Obj[] | undefined) ?? []) {
      for (const t of (p.targets as Obj[] | undefined) ?? []) {
        if (typeof t.expr === 'string') out.push({ where: `panel "${String(p.title)}"`, expr: t.expr });
      }
      walkPanels(p.panels);
    }
  };
  walkPanels(dash.panels);
  for (const v of ((dash.templating as Obj | undefined)?.list as Obj[] | undefined) ?? []) {
    const q = v.query;
    const text =
      typeof q === 'string' ? q : typeof (q as Obj | undefined)?.query === 'string' ? (q as Obj).query : '';
    if (v.type === 'query') out.push({ where: `variable $${String(v.name)}`, expr: text as string });
  }
  for (const a of ((dash.annotations as Obj | undefined)?.list as Obj[] | undefined) ?? []) {
    if (typeof a.expr === 'string') out.push({ where: `annotation "${String(a.name)}"`, expr: a.expr });
  }
  return out;
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function alertRules(): Rule[] {
  const doc = readYamlFile(ALERTS, (p) => readFileSync(p, 'utf8')) as {
    groups?: { name: string; rules: Rule[] }[];
  };
  assert.ok(Array.isArray(doc.groups) && doc.groups.length > 0, 'groups: [...]');
  const names = doc.groups.map((g) => g.name);
  assert.equal(new Set(names).size, names.length, 'group names are unique (Prometheus refuses duplicates)');
  return doc.groups.flatMap((g) => g.rules);
}

/** Every name an expression uses that the code does not register, as `where: name`. */
function unknownNames(
  exprs: { where: string; expr: string }[],
  known: Map<string, Kind>,
): { unknown: string[]; used: Set<string> } {
  const unknown: string[] = [];
  const used = new Set<string>();
  for (const { where, expr } of exprs) {
    for (const name of metricNames(expr)) {
      const { base, kind } = baseOf(name, known);
      if (kind === undefined) unknown.push(`${where}: ${name}`);
      else used.add(base);
      // histogram_quantile needs the _bucket series of a histogram.
      if (name.endsWith('_bucket')) assert.equal(kind, 'histogram', `${where}: ${name} is not a histogram's`);
    }
  }
  return { unknown, used };
}

describe('deploy/: monitoring', () => {
  it('reads metric names out of PromQL, not functions, labels or variables, and refuses bad PromQL', () => {
    assert.deepEqual(
      metricNames(
        'histogram_quantile(0.99, sum by (instance, le) (rate(vipd_lease_renewal_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
      ),
      ['vipd_lease_renewal_seconds_bucket'],
    );
    assert.deepEqual(
      metricNames('increase(vipd_fenced_total[10m]) > 0 or sum by (vip) (vipd_vip_held) == 0'),
      ['vipd_fenced_total', 'vipd_vip_held'],
    );
    assert.deepEqual(metricNames('up{job="vipd"} == 0 and on (instance) vipd_ready'), ['up', 'vipd_ready']);
    assert.deepEqual(metricNames('label_values(vipd_build_info, instance)'), ['vipd_build_info']);
    assert.deepEqual(metricNames('max by (peer) (vipd_heartbeat_peer_up) == 0'), ['vipd_heartbeat_peer_up']);
    assert.throws(() => metricNames('sum(rate(vipd_fenced_total[5m])'), /not valid PromQL/);
    assert.throws(() => metricNames('vipd_ready == = 0'), /not valid PromQL/);
  });

  it('finds the metrics the code registers', async () => {
    const known = registeredInSource();
    assert.ok(known.size >= 35, `${known.size} metrics found in the sources`);
    assert.equal(known.get('vipd_vip_held'), 'gauge');
    assert.equal(known.get('vipd_failover_seconds'), 'histogram');
    assert.equal(known.get('vipd_coordinator_etcd_healthy'), 'gauge');
    assert.equal((await defaultMetrics()).get('nodejs_eventloop_lag_seconds'), 'gauge');
  });

  it('the alert rules parse, are complete, and use only metrics the code registers', async () => {
    const known = new Map([...PROMETHEUS_SERIES, ...(await defaultMetrics()), ...registeredInSource()]);
    const rules = alertRules();
    for (const r of rules) {
      assert.ok(r.alert, `every rule is an alert: ${JSON.stringify(r)}`);
      assert.equal(typeof r.expr, 'string', `${r.alert}: expr`);
      assert.match(r.labels?.severity ?? '', /^(critical|warning)$/, `${r.alert}: severity`);
      assert.ok(r.annotations?.summary, `${r.alert}: summary`);
      if (r.for !== undefined) assert.match(r.for, /^\d+[smh]$/, `${r.alert}: for`);
      assert.equal(r.expr.split('(').length, r.expr.split(')').length, `${r.alert}: balanced parentheses`);
    }
    const names = rules.map((r) => r.alert);
    assert.equal(new Set(names).size, names.length, 'alert names are unique');
    const { unknown, used } = unknownNames(
      rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
      known,
    );
    assert.deepEqual(unknown, [], 'metric names the code does not register');
    // What issue 18 asks of them: a VIP on two nodes, etcd unreachable, fences, a node down.
    const rule = (name: string) => rules.find((r) => r.alert === name);
    assert.match(rule('VipHeldOnTwoNodes')?.expr ?? '', /^sum by \(vip\) \(vipd_vip_held\) > 1$/);
    assert.equal(rule('VipHeldOnTwoNodes')?.labels?.severity, 'critical');
    assert.match(rule('VipdEtcdUnreachable')?.expr ?? '', /vipd_etcd_connected == 0/);
    assert.match(rule('VipCoordinatorEtcdUnreachable')?.expr ?? '', /vipd_coordinator_etcd_healthy == 0/);
    assert.match(rule('VipdFenced')?.expr ?? '', /vipd_fenced_total/);
    assert.match(rule('VipdNodeDown')?.expr ?? '', /^up\{job="vipd"\} == 0$/);
    assert.match(rule('VipdPeerDown')?.expr ?? '', /vipd_heartbeat_peer_up/);
    for (const m of ['vipd_vip_held', 'vipd_etcd_connected', 'vipd_fenced_total', 'up'])
      assert.ok(used.has(m), m);
  });

  it('the Grafana dashboard parses and uses only metrics the code registers', async () => {
    const known = new Map([...PROMETHEUS_SERIES, ...(await defaultMetrics()), ...registeredInSource()]);
    const files = readdirSync(GRAFANA).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files, ['vipd-dashboard.json']);
    const dash = JSON.parse(readFileSync(join(GRAFANA, files[0]!), 'utf8')) as Obj;
    assert.equal(typeof dash.title, 'string');
    assert.equal(typeof dash.uid, 'string');
    const panels = dash.panels as Obj[];
    const ids = panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids are unique');
    for (const p of panels) {
      const g = p.gridPos as { x: number; w: number; h: number };
      assert.ok(g.x >= 0 && g.x + g.w <= 24 && g.h > 0, `panel "${String(p.title)}" fits the 24-column grid`);
    }
    const exprs = dashboardExprs(dash);
    assert.ok(exprs.length >= 30, `${exprs.length} queries`);
    const { unknown, used } = unknownNames(exprs, known);
    assert.deepEqual(unknown, [], 'metric names the code does not register');
    // The panels an operator opens it for.
    for (const m of [
      'vipd_vip_held',
      'vipd_failover_seconds',
      'vipd_etcd_connected',
      'vipd_heartbeat_rtt_seconds',
      'vipd_fenced_total',
      'vipd_coordinator_api_calls_total',
      'vipd_coordinator_etcd_healthy',
    ]) {
      assert.ok(used.has(m), `the dashboard shows ${m}`);
    }
    // Most of what vipd and the coordinator export has a panel.
    const exported = [...registeredInSource().keys()];
    const shown = exported.filter((m) => used.has(m));
    assert.ok(
      shown.length >= exported.length - 2,
      `not shown: ${exported.filter((m) => !used.has(m)).join(', ')}`,
    );
  });
});
