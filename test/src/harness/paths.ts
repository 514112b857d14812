/**
 * Where the suites find what they run: the binaries of this checkout (docs/design.md's contract),
 * reached by path, never imported. test/package.json declares only the packages tests import;
 * test/tsconfig.json references these too, so that `tsc --build` builds them first.
 */
import { join, resolve } from 'node:path';

/** The checkout (test/dist/harness → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/**
 * The vipd service directory the lab runs (bin/vipd, dist/). VIPD_TEST_VIPD_DIR points it at
 * another built tree, e.g. a checkout of a given commit while services/vipd is being edited.
 */
export const VIPD_DIR = process.env.VIPD_TEST_VIPD_DIR ?? join(REPO_ROOT, 'services', 'vipd');
export const VIPD_BIN = join(VIPD_DIR, 'bin', 'vipd');
export const COORDINATOR_BIN = join(REPO_ROOT, 'services', 'coordinator', 'bin', 'vip-coordinator');
export const VIPADM_BIN = join(REPO_ROOT, 'packages', 'vipadm', 'bin', 'vipadm');
/** The kernel agent binary (scripts/build.sh builds it). */
export const AGENT_BIN = join(REPO_ROOT, 'packages', 'netif', 'build', 'vipd-agent');
/** test/src/tools, built: small programs the labs run inside a namespace (see each header). */
export const TOOLS_DIR = join(REPO_ROOT, 'test', 'dist', 'tools');
export const HEALTH_PROBE = join(TOOLS_DIR, 'health-probe.js');
export const HTTP_GET = join(TOOLS_DIR, 'http-get.js');
export const NAME_SERVER = join(TOOLS_DIR, 'name-server.js');
export const HTTP_LOAD = join(TOOLS_DIR, 'http-load.js');
