import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// These run against dist/: `npm test` builds before running vitest.
const run = (code: string, type: 'commonjs' | 'module') =>
  execFileSync(process.execPath, [type === 'module' ? '--input-type=module' : '--input-type=commonjs', '-e', code], {
    encoding: 'utf8',
  }).trim();

describe('built package', () => {
  it('loads with require() (CJS)', () => {
    const out = run(
      "const sdk = require('scenario-sdk'); console.log(typeof sdk.Scenario, new sdk.NotFoundError({ status: 404, reason: 'x', body: {}, headers: {}, method: 'GET', path: '/x' }).name, sdk.VERSION)",
      'commonjs',
    );
    // The class name matters: a CJS transform once renamed error classes to `_class3`.
    expect(out).toBe(`function NotFoundError ${pkgVersion()}`);
  });

  it('loads with import (ESM)', () => {
    const out = run(
      "const sdk = await import('scenario-sdk'); console.log(typeof sdk.Scenario, typeof sdk.InvalidRequestError)",
      'module',
    );
    expect(out).toBe('function function');
  });

  it('the main entry imports none of the emulator dependencies', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = readFileSync(file, 'utf8');
      const specifiers = (pattern: RegExp) => [...code.matchAll(pattern)].map((match) => match[1] ?? '');
      const dynamic = specifiers(/import\(\s*["']([^"']+)["']/g);
      const staticImports = specifiers(/(?:from\s*|require\(\s*)["']([^"']+)["']/g);
      expect([...staticImports, ...dynamic].filter((name) => /^(hono|@hono\/|msw|sharp)/.test(name))).toEqual([]);
      // Node built-ins only behind a lazy import(), so browsers and bundlers never load them.
      expect(staticImports.filter((name) => name.startsWith('node:'))).toEqual([]);
    }
  });
});

function pkgVersion(): string {
  return JSON.parse(readFileSync('package.json', 'utf8')).version;
}
