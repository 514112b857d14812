/**
 * YAML text from a file a person or a script wrote: parsed with a bound on flow nesting first.
 * The `yaml` package composes `[[[[…` recursively; tens of thousands of levels overflow the stack,
 * and after such an overflow the next parse in the same process can abort it outright (V8's
 * regexp compiler runs out of memory: "FATAL ERROR: RegExpCompiler Allocation failed", seen in
 * the config fuzz test). A config or apply file nests a few levels; refusing more than
 * MAX_FLOW_DEPTH before parsing keeps every bad file a one-line error.
 */
import { parse } from 'yaml';

export const MAX_FLOW_DEPTH = 64;

/**
 * The deepest nesting of flow collections (`[` and `{`) in the text, outside quoted scalars and
 * comments. An approximation of YAML's grammar that never under-counts a real nesting: brackets
 * inside plain scalars count too.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && quote === "'") quote = undefined; // a stray quote in a plain scalar
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/** Parses YAML (errors only, no warnings on stderr); throws an Error of one line for text nested too deep. */
export function parseYamlText(text: string): unknown {
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) {
    throw new Error(`brackets nested ${depth} deep (at most ${MAX_FLOW_DEPTH})`);
  }
  return parse(text, { logLevel: 'error' });
}
