/**
 * `vipadm apply`: what to change so the cluster matches the file, and how to show it. Pure:
 * the file's specs and the cluster's VIPs in, a plan out; run.ts carries it out.
 */
import type { Vip__Output } from '@vipd/proto';
import { type FileSpec, fromStored } from './apply-file';
import { DEFAULT_ANNOUNCE } from './values';

export interface Update {
  name: string;
  /** The stored spec's revision, sent as expected_revision: no lost update. */
  revision: string;
  changes: { field: string; from: string; to: string }[];
  spec: FileSpec;
}

export interface Plan {
  create: FileSpec[];
  update: Update[];
  /** In the cluster, not in the file: deleted with --prune, else kept. */
  remove: string[];
  unchanged: string[];
  prune: boolean;
}

/** One field as a short text, for the diff. */
function show(field: keyof FileSpec, s: FileSpec): string {
  switch (field) {
    case 'nodes': {
      const parts = Object.entries(s.nodes).map(
        ([n, e]) => `${n}=${e.priority}${e.interface ? `(${e.interface})` : ''}`,
      );
      return parts.length === 0 ? 'all' : parts.join(',');
    }
    case 'announce':
      return s.announce
        ? `count ${s.announce.count}, interval ${s.announce.interval_ms}ms, refresh ${s.announce.refresh_ms}ms, probe ${s.announce.probe_ms}ms` +
            (s.announce.second_burst_delay_ms > 0
              ? `, second burst after ${s.announce.second_burst_delay_ms}ms`
              : '')
        : 'defaults';
    case 'track':
      return s.track.length === 0 ? 'none' : s.track.join(',');
    case 'track_weighted':
      return s.track_weighted.length === 0
        ? 'none'
        : s.track_weighted.map((t) => `${t.check}:${t.weight}`).join(',');
    default:
      return String(s[field]);
  }
}

/** A field for comparing: an unset announce (null) is the defaults the coordinator fills in. */
function canonical(s: FileSpec, f: keyof FileSpec): string {
  return JSON.stringify(f === 'announce' && s.announce === null ? DEFAULT_ANNOUNCE : s[f]);
}

const FIELDS: (keyof FileSpec)[] = [
  'address',
  'interface',
  'nodes',
  'preempt',
  'preempt_delay_ms',
  'announce',
  'track',
  'track_weighted',
  'on_etcd_loss',
  'label',
  'no_prefix_route',
  'scope',
  'broadcast',
];

export function makePlan(wanted: FileSpec[], current: Vip__Output[], prune: boolean): Plan {
  const plan: Plan = { create: [], update: [], remove: [], unchanged: [], prune };
  const stored = new Map<string, Vip__Output>();
  for (const v of current) if (v.spec?.name) stored.set(v.spec.name, v);
  for (const spec of wanted) {
    const vip = stored.get(spec.name);
    const have = vip?.spec ? fromStored(vip.spec) : undefined;
    if (!vip || !have) {
      plan.create.push(spec);
      continue;
    }
    const changes = FIELDS.filter((f) => canonical(have, f) !== canonical(spec, f)).map((f) => ({
      field: f,
      from: show(f, have),
      to: show(f, spec),
    }));
    if (changes.length === 0) plan.unchanged.push(spec.name);
    else plan.update.push({ name: spec.name, revision: vip.revision, changes, spec });
  }
  const names = new Set(wanted.map((s) => s.name));
  plan.remove = [...stored.keys()].filter((n) => !names.has(n)).sort();
  return plan;
}

export function planSummary(p: Plan): string {
  const removed = p.prune
    ? `${p.remove.length} to delete`
    : `${p.remove.length} not in the file (kept; --prune deletes them)`;
  return `${p.create.length} to create, ${p.update.length} to update, ${removed}, ${p.unchanged.length} unchanged`;
}

/** The plan as a diff: `+` create, `~` update (field: old → new), `-` delete, `=` unchanged. */
export function planText(p: Plan, dryRun: boolean): string {
  const lines: string[] = [];
  for (const s of p.create)
    lines.push(`+ vip ${s.name}: ${s.address} on ${s.interface}, nodes ${show('nodes', s)}`);
  for (const u of p.update) {
    lines.push(`~ vip ${u.name}:`);
    for (const c of u.changes) lines.push(`    ${c.field}: ${c.from} → ${c.to}`);
  }
  for (const n of p.remove) lines.push(p.prune ? `- vip ${n}` : `  vip ${n}: not in the file, kept`);
  for (const n of p.unchanged) lines.push(`= vip ${n}`);
  lines.push(`${dryRun ? 'dry run: would apply' : 'applied'}: ${planSummary(p)}`);
  return `${lines.join('\n')}\n`;
}

/** -o json / yaml of the plan. */
export function planJson(p: Plan, dryRun: boolean) {
  return {
    dry_run: dryRun,
    create: p.create.map((s) => s.name),
    update: p.update.map((u) => ({ name: u.name, changes: u.changes })),
    delete: p.prune ? p.remove : [],
    kept: p.prune ? [] : p.remove,
    unchanged: p.unchanged,
  };
}
