/**
 * `npm install` on a fresh clone leaves `package-lock.json` as committed. npm copies the
 * package's own manifest fields into the lockfile's root entry (`packages[""]`) and rewrites
 * the file when they differ, yet `npm ci` checks only the dependency ranges: a `bin` added to
 * package.json without `npm install` passed CI and dirtied every clone. This compares the
 * fields npm copies.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** The package.json fields npm writes into the lockfile's root entry. */
const COPIED = [
  'name',
  'version',
  'license',
  'bin',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'engines',
  'os',
  'cpu',
] as const;

/** `bin` as npm stores it: an object, paths without `./`. */
function normalized(manifest: Record<string, unknown>): Record<string, unknown> {
  const bin = typeof manifest.bin === 'string' ? { [manifest.name as string]: manifest.bin } : manifest.bin;
  const fields: Record<string, unknown> = {
    ...manifest,
    bin: bin && Object.fromEntries(Object.entries(bin).map(([name, path]) => [name, posix.normalize(path as string)])),
  };
  return Object.fromEntries(
    COPIED.filter((field) => fields[field] !== undefined).map((field) => [field, fields[field]]),
  );
}

test("the lockfile's root entry matches package.json", () => {
  const lock = read('package-lock.json');
  const manifest = read('package.json');
  expect(normalized(lock.packages[''])).toEqual(normalized(manifest));
  expect(lock).toMatchObject({ name: manifest.name, version: manifest.version });
  expect(Object.keys(normalized(manifest))).toEqual(expect.arrayContaining(['bin', 'dependencies', 'engines']));
});
