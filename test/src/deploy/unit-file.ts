/**
 * A reader for the systemd unit files in deploy/systemd, enough for tests to take settings from
 * them (capabilities, commands) instead of repeating them: sections, `Key=value` lines, `#`/`;`
 * comments, repeated keys in order, and an empty assignment resetting a list as systemd does.
 */
import { readFileSync } from 'node:fs';

export type UnitFile = Map<string, Map<string, string[]>>;

export function parseUnitFile(text: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: Map<string, string[]> | undefined;
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = unit.get(header[1]!) ?? new Map<string, string[]>();
      unit.set(header[1]!, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq <= 0) throw new Error(`not a unit file line: ${JSON.stringify(line)}`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    section.set(key, value === '' ? [] : [...(section.get(key) ?? []), value]);
  }
  return unit;
}

export function readUnitFile(path: string): UnitFile {
  return parseUnitFile(readFileSync(path, 'utf8'));
}

/** Every value of the key, in order (after resets); [] when absent. */
export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return unit.get(section)?.get(key) ?? [];
}

/** The value in force: the last one. */
export function unitValue(unit: UnitFile, section: string, key: string): string | undefined {
  return unitValues(unit, section, key).at(-1);
}

/** A capability list setting (`CAP_A CAP_B`, possibly over several lines) as a sorted set. */
export function unitCapabilities(unit: UnitFile, key: string): string[] {
  const caps = unitValues(unit, 'Service', key).flatMap((v) => v.split(/\s+/).filter(Boolean));
  return [...new Set(caps)].sort();
}

/** A command line (`ExecStart=` and friends) split into argv; unit files here use no quoting. */
export function unitCommand(unit: UnitFile, key: string): string[] {
  const value = unitValue(unit, 'Service', key);
  if (value === undefined) throw new Error(`no ${key}= in [Service]`);
  return value.replace(/^[-@:+!]+/, '').split(/\s+/);
}
