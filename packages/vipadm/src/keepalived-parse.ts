/**
 * keepalived.conf as a tree of statements, for `vipadm import-keepalived`. keepalived's syntax:
 * a statement is the words of a line; a `{` opens a block of statements that belong to the
 * words before it, up to the matching `}`; `#` and `!` start a comment; "double quotes" keep a
 * word's spaces. Pure: text in, tree out, or a UsageError naming the file and line.
 */
import { UsageError } from './errors';

export interface ConfStatement {
  /** The words, quotes removed; words[0] is the keyword. */
  words: string[];
  line: number;
  /** The block after the words, if the statement has one. */
  block?: ConfStatement[];
}

interface Token {
  kind: 'word' | 'open' | 'close' | 'eol';
  text: string;
  line: number;
}

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    let pos = 0;
    while (pos < raw.length) {
      const c = raw[pos]!;
      if (c === '#' || c === '!') break;
      if (c === ' ' || c === '\t') {
        pos++;
      } else if (c === '{' || c === '}') {
        tokens.push({ kind: c === '{' ? 'open' : 'close', text: c, line });
        pos++;
      } else if (c === '"') {
        const end = raw.indexOf('"', pos + 1);
        if (end < 0) throw new UsageError(`${file}:${line}: a quote is not closed`);
        tokens.push({ kind: 'word', text: raw.slice(pos + 1, end), line });
        pos = end + 1;
      } else {
        let end = pos;
        while (end < raw.length && !' \t{}"#!'.includes(raw[end]!)) end++;
        tokens.push({ kind: 'word', text: raw.slice(pos, end), line });
        pos = end;
      }
    }
    tokens.push({ kind: 'eol', text: '', line });
  }
  return tokens;
}

/** Parses keepalived.conf text; `file` names it in messages. */
export function parseKeepalivedConf(text: string, file: string): ConfStatement[] {
  const tokens = tokenize(text, file);
  let i = 0;
  const parseBlock = (depth: number, opened: number): ConfStatement[] => {
    const out: ConfStatement[] = [];
    let words: string[] = [];
    let line = 0;
    const flush = (): void => {
      if (words.length > 0) out.push({ words, line });
      words = [];
    };
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (t.kind === 'word') {
        if (words.length === 0) line = t.line;
        words.push(t.text);
      } else if (t.kind === 'eol') {
        flush();
      } else if (t.kind === 'open') {
        const stmt: ConfStatement = { words, line: words.length > 0 ? line : t.line };
        words = [];
        stmt.block = parseBlock(depth + 1, t.line);
        out.push(stmt);
      } else {
        if (depth === 0) throw new UsageError(`${file}:${t.line}: "}" without a "{"`);
        flush();
        return out;
      }
    }
    flush();
    if (depth > 0) throw new UsageError(`${file}:${opened}: "{" is never closed`);
    return out;
  };
  return parseBlock(0, 0);
}
