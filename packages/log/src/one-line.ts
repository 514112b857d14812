/** Errors and texts as one line, for log fields, gRPC details and one-line reports. */

/**
 * The first line of an error's message, trimmed; an empty one falls back to the error's code
 * (ECONNREFUSED) or name, an AggregateError without a message lists its errors' lines (a
 * failed connect to every address of a host), a gRPC status object gives its details.
 */
export function errorLine(err: unknown): string {
  if (err instanceof AggregateError && err.message === '' && err.errors.length > 0) {
    return err.errors.map(errorLine).join(', ');
  }
  if (err instanceof Error) {
    const line = (err.message.split('\n')[0] ?? '').trim();
    if (line !== '') return line;
    const code: unknown = (err as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? code : err.name;
  }
  if (typeof err === 'object' && err !== null && 'details' in err && typeof err.details === 'string') {
    return err.details;
  }
  return String(err);
}

/** The first line of a text that is not blank, trimmed ('' when there is none): a tool's stderr. */
export function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return '';
}

/** A (possibly multi-line) text as one line: each line break, with the blanks around it, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
