// Which runtimes of the matrix this machine has, and what becomes of one it lacks: a SKIP line
// that says why and how to install it, so `npm test` passes on a machine without a browser; or
// a failure where the runtime is required (CI sets RUNTIMES_REQUIRE_ALL=1, and a runtime named
// on the command line is always required: asking for it and silently skipping it would lie).
// Pure functions but for isExecutableFile: run-all.mjs does the looking, and the decisions are
// unit-tested.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What looking for a runtime found: the binary to run (and a note for the log), or why there is none and how to get one. */
export type Probe = { found: true; path: string; note?: string } | { found: false; why: string; install: string };

/** Set (to anything but 0 or false) by CI: every runtime must run, a missing one fails. */
export const REQUIRE_ALL_VARIABLE = 'RUNTIMES_REQUIRE_ALL';

export type Decision =
  | { action: 'run'; path: string }
  | { action: 'skip'; line: string }
  | { action: 'fail'; reason: string };

/** Looked for on PATH in this order when CHROMIUM_PATH is not set (Playwright drives any of them). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;

/**
 * Chromium's flags for a headless run (Playwright adds --headless and a fresh --user-data-dir):
 * these keep it off the (closed) network: no Google lookups, no component or sync traffic.
 */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether `path` is a file this process may execute: what {@link findChromium} is given to look with. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const CHROMIUM_INSTALL =
  'install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary';
const DEV_DEPENDENCY_INSTALL = 'it is a devDependency: run `npm install` (its install script must be allowed)';

/**
 * `run`, `skip` (with the line to print) or `fail`, for one runtime and what looking for it
 * found; `requiredBy` says why a missing one must fail (see `requirement`).
 */
export function decide(name: string, probe: Probe, requiredBy: string | undefined): Decision {
  if (probe.found) return { action: 'run', path: probe.path };
  const what = `${probe.why} — ${probe.install}`;
  if (requiredBy) return { action: 'fail', reason: `${what} (required: ${requiredBy})` };
  return { action: 'skip', line: `SKIP ${name}: ${what}` };
}

/**
 * Why a runtime must run, or `undefined` when it may be skipped: RUNTIMES_REQUIRE_ALL is on, or
 * the command line named it (`run-all.mjs chromium`; a prefix such as `node24` names both Node 24 legs).
 */
export function requirement(
  name: string,
  env: Record<string, string | undefined>,
  named: readonly string[],
): string | undefined {
  const requireAll = (env[REQUIRE_ALL_VARIABLE] ?? '').trim().toLowerCase();
  if (requireAll !== '' && requireAll !== '0' && requireAll !== 'false')
    return `${REQUIRE_ALL_VARIABLE}=${env[REQUIRE_ALL_VARIABLE]}`;
  if (named.some((prefix) => name.startsWith(prefix))) return 'named on the command line';
  return undefined;
}

/** CHROMIUM_PATH if set (and only it: an override that points nowhere is not silently replaced), else the first browser on PATH. */
export function findChromium(env: Record<string, string | undefined>, isExecutable: (path: string) => boolean): Probe {
  const override = env.CHROMIUM_PATH;
  if (override) {
    return isExecutable(override)
      ? { found: true, path: override }
      : { found: false, why: `CHROMIUM_PATH=${override} is not an executable file`, install: CHROMIUM_INSTALL };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return { found: true, path };
    }
  }
  return {
    found: false,
    why: `no browser on PATH (looked for ${CHROMIUM_NAMES.join(', ')})`,
    install: CHROMIUM_INSTALL,
  };
}

/** A devDependency's binary (node_modules/.bin/bun, deno, node) from running `<bin> --version`; `undefined` if the file is absent. */
export function probeFromVersionRun(
  label: string,
  path: string,
  run: { code: number | null; stdout: string; stderr: string } | undefined,
): Probe {
  if (!run)
    return { found: false, why: `${label} is not installed (${path} is missing)`, install: DEV_DEPENDENCY_INSTALL };
  if (run.code !== 0) {
    const output = (run.stderr.trim() || run.stdout.trim()).split('\n').at(-1) ?? '';
    return {
      found: false,
      why: `${path} --version exited with ${run.code}${output ? `: ${output}` : ''}`,
      install: DEV_DEPENDENCY_INSTALL,
    };
  }
  return { found: true, path };
}
