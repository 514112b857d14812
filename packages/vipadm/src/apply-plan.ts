/**
 * `vipadm apply`: what to change so the cluster matches the file, and how to show it. Pure:
 * the file's specs and the cluster's VIPs and services in, a plan out; run.ts carries it out.
 */
import type { Service__Output, Vip__Output } from '@vipd/proto';
import { type FileSpec, fromStored } from './apply-file';
import { SERVICE_FIELDS, type ServiceFileSpec, serviceFromStored, showServiceField } from './apply-services';
import { DEFAULT_ANNOUNCE, DEFAULT_ANNOUNCE_MODE } from './values';

export interface Update<S = FileSpec> {
  name: string;
  /** The stored spec's revision, sent as expected_revision: no lost update. */
  revision: string;
  changes: { field: string; from: string; to: string }[];
  spec: S;
}

/** What to do to one kind of object (VIPs, services). */
export interface Section<S> {
  create: S[];
  update: Update<S>[];
  /** In the cluster, not in the file: deleted with --prune, else kept. */
  remove: string[];
  unchanged: string[];
}

export interface Plan extends Section<FileSpec> {
  prune: boolean;
  /** The services' part; undefined when the file has no `services:` (they are left alone). */
  services?: Section<ServiceFileSpec>;
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
              : '') +
            (s.announce.mode !== 'arp' ? `, mode ${s.announce.mode}` : '')
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
  return JSON.stringify(
    f === 'announce' && s.announce === null ? { ...DEFAULT_ANNOUNCE, mode: DEFAULT_ANNOUNCE_MODE } : s[f],
  );
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
  'routes',
  'rules',
  'vmac',
  'group',
];

/** Compares the file's specs with the stored ones, field by field (`fields`, as `show` prints them). */
function section<S extends { name: string }>(
  wanted: S[],
  stored: Map<string, { spec: S | undefined; revision: string }>,
  fields: (keyof S)[],
  show: (field: keyof S, s: S) => string,
  canonical: (s: S, f: keyof S) => string = (s, f) => JSON.stringify(s[f]),
): Section<S> {
  const out: Section<S> = { create: [], update: [], remove: [], unchanged: [] };
  for (const spec of wanted) {
    const current = stored.get(spec.name);
    const have = current?.spec;
    if (!current || !have) {
      out.create.push(spec);
      continue;
    }
    const changes = fields
      .filter((f) => canonical(have, f) !== canonical(spec, f))
      .map((f) => ({ field: String(f), from: show(f, have), to: show(f, spec) }));
    if (changes.length === 0) out.unchanged.push(spec.name);
    else out.update.push({ name: spec.name, revision: current.revision, changes, spec });
  }
  const names = new Set(wanted.map((s) => s.name));
  out.remove = [...stored.keys()].filter((n) => !names.has(n)).sort();
  return out;
}

/**
 * The plan for the file's VIPs and (when `wantedServices` is given: the file has `services:`)
 * its services against the cluster's.
 */
export function makePlan(
  wanted: FileSpec[],
  current: Vip__Output[],
  prune: boolean,
  wantedServices?: ServiceFileSpec[],
  currentServices: Service__Output[] = [],
): Plan {
  const vips = new Map<string, { spec: FileSpec | undefined; revision: string }>();
  for (const v of current) {
    if (v.spec?.name) vips.set(v.spec.name, { spec: fromStored(v.spec), revision: v.revision });
  }
  const plan: Plan = { ...section(wanted, vips, FIELDS, show, canonical), prune };
  if (wantedServices) {
    const services = new Map<string, { spec: ServiceFileSpec | undefined; revision: string }>();
    for (const s of currentServices) {
      if (s.spec?.name) services.set(s.spec.name, { spec: serviceFromStored(s.spec), revision: s.revision });
    }
    plan.services = section(wantedServices, services, SERVICE_FIELDS, showServiceField);
  }
  return plan;
}

function sectionSummary(p: Section<unknown>, prune: boolean): string {
  const removed = prune
    ? `${p.remove.length} to delete`
    : `${p.remove.length} not in the file (kept; --prune deletes them)`;
  return `${p.create.length} to create, ${p.update.length} to update, ${removed}, ${p.unchanged.length} unchanged`;
}

export function planSummary(p: Plan): string {
  const vips = sectionSummary(p, p.prune);
  return p.services ? `VIPs: ${vips}; services: ${sectionSummary(p.services, p.prune)}` : vips;
}

/** The plan as a diff: `+` create, `~` update (field: old → new), `-` delete, `=` unchanged. */
export function planText(p: Plan, dryRun: boolean): string {
  const lines: string[] = [];
  const diff = <S extends { name: string }>(kind: string, sec: Section<S>, created: (s: S) => string) => {
    for (const s of sec.create) lines.push(`+ ${kind} ${s.name}: ${created(s)}`);
    for (const u of sec.update) {
      lines.push(`~ ${kind} ${u.name}:`);
      for (const c of u.changes) lines.push(`    ${c.field}: ${c.from} → ${c.to}`);
    }
    for (const n of sec.remove)
      lines.push(p.prune ? `- ${kind} ${n}` : `  ${kind} ${n}: not in the file, kept`);
    for (const n of sec.unchanged) lines.push(`= ${kind} ${n}`);
  };
  diff('vip', p, (s) => `${s.address} on ${s.interface}, nodes ${show('nodes', s)}`);
  if (p.services) {
    diff('service', p.services, (s) => {
      const n = s.backends.length;
      return `${s.protocol}/${s.port} on vip ${s.vip}, ${n} backend${n === 1 ? '' : 's'}`;
    });
  }
  lines.push(`${dryRun ? 'dry run: would apply' : 'applied'}: ${planSummary(p)}`);
  return `${lines.join('\n')}\n`;
}

function sectionJson<S extends { name: string }>(sec: Section<S>, prune: boolean) {
  return {
    create: sec.create.map((s) => s.name),
    update: sec.update.map((u) => ({ name: u.name, changes: u.changes })),
    delete: prune ? sec.remove : [],
    kept: prune ? [] : sec.remove,
    unchanged: sec.unchanged,
  };
}

/** -o json / yaml of the plan; `services` only when the file manages them. */
export function planJson(p: Plan, dryRun: boolean) {
  return {
    dry_run: dryRun,
    ...sectionJson(p, p.prune),
    ...(p.services && { services: sectionJson(p.services, p.prune) }),
  };
}
