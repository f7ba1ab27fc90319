import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const OPTIONAL_PEERS = ['hono', '@hono/node-server', 'msw', 'sharp'];
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every module specifier reachable from `entry` through relative imports, and the files visited. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else
        packages.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? ''),
        );
    }
  };
  visit(entry);
  return { files, packages };
}

describe('package boundaries', () => {
  test('the main entry reaches neither the emulator nor its optional peer dependencies', () => {
    const { files, packages } = importGraph(resolve('src/index.ts'));
    expect([...files].filter((file) => file.includes('/src/testing/'))).toEqual([]);
    expect(OPTIONAL_PEERS.filter((name) => packages.has(name))).toEqual([]);
    expect(files.size).toBeGreaterThan(5);
  });

  test('the scan does see them from the testing entry (so the check above can fail)', () => {
    const { packages } = importGraph(resolve('src/testing/index.ts'));
    expect(OPTIONAL_PEERS.filter((name) => packages.has(name))).toEqual(OPTIONAL_PEERS);
  });
});
