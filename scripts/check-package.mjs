#!/usr/bin/env node
/**
 * `npm run test:package`: packs the package (`npm pack`, which builds dist/ first) into a new
 * temporary folder, checks that tarball with publint (`--strict`) and attw (every TypeScript
 * resolution mode), then removes the folder. Packing in the project itself, as `attw --pack .`
 * does, would overwrite and then delete a `scenario-sdk-<version>.tgz` the user packed there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The project's tools first, as npm scripts have them, also when this runs outside npm.
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };

/** Runs a command with its output shown; a failure ends the check with its exit code. */
function step(command, args) {
  const { status, error } = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) throw Object.assign(new Error(`${command} ${args.join(' ')} exited with ${status}`), { status });
}

const out = mkdtempSync(join(tmpdir(), 'scenario-sdk-package-'));
try {
  step('npm', ['pack', '--pack-destination', out]);
  const [tarball, ...others] = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  if (!tarball || others.length > 0) throw new Error(`npm pack made ${readdirSync(out).join(', ') || 'nothing'}`);
  step('publint', ['run', join(out, tarball), '--strict']);
  step('attw', [join(out, tarball)]);
} catch (error) {
  console.error(`test:package: ${error.message}`);
  process.exitCode = error.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
