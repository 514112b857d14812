/**
 * The lab suites (network namespaces, real interfaces, raw frames) need root. Without it they
 * skip, loudly: a warning on stderr names each one, so a green run says what it did not test.
 * With CI=true a lab suite may not skip at all: the test file throws as it loads, and fails.
 */
import { relative } from 'node:path';

export const LAB_SKIP_REASON = 'needs root for network namespaces';

/**
 * The `skip` option of the lab suites in a test file (give it `__filename`): false as root;
 * otherwise the reason, after the warning.
 */
export function skipUnlessRoot(testFile: string): string | false {
  if (process.getuid?.() === 0) return false;
  const suite = relative(process.cwd(), testFile);
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: ${LAB_SKIP_REASON}, and with CI=true a lab suite must not skip: run as root`);
  }
  process.stderr.write(`\n!!! SKIPPED: ${suite} (${LAB_SKIP_REASON}): this run does not test it !!!\n\n`);
  return LAB_SKIP_REASON;
}
