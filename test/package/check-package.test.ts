/**
 * `npm run test:package` (part of `npm test`) never deletes or changes a file it did not make:
 * a `scenario-sdk-<version>.tgz` the user packed in the project survives it, the project's top
 * level lists the same files after as before, and the tarball it checks lives in a temporary
 * folder it removes. npm's `ignore-scripts` keeps `npm pack` from rebuilding dist/ (built by
 * `npm test` before this runs), so the check takes seconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('npm run test:package leaves a tarball the user packed, and every other file, as it found them', {
  timeout: 180_000,
}, () => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build`');
  const userTarball = join(ROOT, `${name}-${version}.tgz`);
  // A real one the user made is only read; otherwise this test makes (and then removes) its own.
  const made = !existsSync(userTarball);
  if (made) writeFileSync(userTarball, 'a tarball the user packed');
  const temp = mkdtempSync(join(tmpdir(), 'scenario-sdk-check-package-'));
  try {
    const before = { tarball: readFileSync(userTarball), files: readdirSync(ROOT).sort() };
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const check = spawnSync('npm', ['run', 'test:package'], {
      cwd: ROOT,
      env: { ...env, TMPDIR: temp, npm_config_ignore_scripts: 'true' },
      encoding: 'utf8',
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/No problems found/);
    expect(readFileSync(userTarball)).toEqual(before.tarball);
    expect(readdirSync(ROOT).sort()).toEqual(before.files);
    // Node's own compile cache (tools turn it on) aside, the temporary folder is left empty.
    expect(readdirSync(temp).filter((entry) => entry !== 'node-compile-cache')).toEqual([]);
  } finally {
    if (made) rmSync(userTarball, { force: true });
    rmSync(temp, { recursive: true, force: true });
  }
});
