import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('every error class is named as it is exported, in ESM and CJS (a build once renamed APIError to _APIError)', () => {
    const names =
      "Object.entries(sdk).filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error).map(([name, value]) => name + '=' + value.name).join(' ')";
    const esm = run(`const sdk = await import('scenario-sdk'); console.log(${names})`, 'module').split(' ');
    const cjs = run(`const sdk = require('scenario-sdk'); console.log(${names})`, 'commonjs').split(' ');
    expect(esm.length).toBeGreaterThanOrEqual(20);
    for (const entry of [...esm, ...cjs]) {
      const [exported, named] = entry.split('=');
      expect(named).toBe(exported);
    }
  });

  it('the server entry, one minified file, keeps the names of the errors it throws, in ESM and CJS', () => {
    const name =
      'try { server.createProxy({}); } catch (error) { console.log(error.name + ": " + error.message.slice(0, 28)); }';
    const expected = 'InvalidRequestError: Invalid createProxy options:';
    expect(run(`const server = await import('scenario-sdk/server'); ${name}`, 'module')).toBe(expected);
    expect(run(`const server = require('scenario-sdk/server'); ${name}`, 'commonjs')).toBe(expected);
  });

  it('the server entry has no line Node would print whole for an uncaught error that floods a log', () => {
    for (const file of ['dist/server/index.js', 'dist/server/index.cjs']) {
      const longest = Math.max(
        ...readFileSync(file, 'utf8')
          .split('\n')
          .map((line) => line.length),
      );
      // Cut near 500 characters where a line can be cut (a long string or pattern stays whole); one line was 220 KB.
      expect(longest, file).toBeLessThan(10_000);
    }
  });

  it('loads with import (ESM)', () => {
    const out = run(
      "const sdk = await import('scenario-sdk'); console.log(typeof sdk.Scenario, typeof sdk.InvalidRequestError)",
      'module',
    );
    expect(out).toBe('function function');
  });

  it('scenario-sdk/testing loads with require() and import, and its fetch serves the SDK', () => {
    const cjs = run(
      "const { createEmulator } = require('scenario-sdk/testing'); const { Scenario } = require('scenario-sdk');" +
        "const emulator = createEmulator(); const client = new Scenario({ fetch: emulator.fetch, apiKey: 'k', apiSecret: 's' });" +
        'client.models.list().then((page) => console.log(page.items.length > 0));',
      'commonjs',
    );
    const esm = run(
      "const { createEmulator, VirtualClock } = await import('scenario-sdk/testing'); console.log(typeof createEmulator, typeof VirtualClock)",
      'module',
    );
    expect([cjs, esm]).toEqual(['true', 'function function']);
  });

  it('the main entry, and every chunk it loads, imports none of the emulator dependencies', () => {
    for (const entry of ['dist/index.js', 'dist/index.cjs']) {
      const files = reachableFiles(entry);
      expect(files.length).toBeGreaterThan(1); // the entry and its shared chunk
      for (const file of files) {
        const { staticImports, dynamicImports } = importsOf(file);
        const bare = [...staticImports, ...dynamicImports];
        expect(bare.filter((name) => /^(hono|@hono\/|msw|sharp)/.test(name))).toEqual([]);
        // Node built-ins only behind a lazy import(), so browsers and bundlers never load them.
        expect(staticImports.filter((name) => name.startsWith('node:'))).toEqual([]);
      }
    }
  });

  it('no library entry (main or testing), nor any chunk it loads, reaches the CLI or its dependencies', () => {
    for (const entry of ['dist/index.js', 'dist/index.cjs', 'dist/testing/index.js', 'dist/testing/index.cjs']) {
      const files = reachableFiles(entry);
      expect(files.filter((file) => file.startsWith('dist/cli/'))).toEqual([]);
      for (const file of files) {
        const { staticImports, dynamicImports } = importsOf(file);
        expect([...staticImports, ...dynamicImports].filter((name) => CLI_DEPENDENCIES.test(name))).toEqual([]);
      }
    }
  });

  it('scenario-sdk/server loads with require() and import, with no static node: import (Workers, Deno) and no emulator or CLI dependency', () => {
    const cjs = run(
      "const { createProxy } = require('scenario-sdk/server'); const proxy = createProxy({ authorize: () => null, apiKey: 'k', apiSecret: 's' });" +
        "proxy.fetch(new Request('http://app/api/scenario/jobs')).then((answer) => console.log(answer.status));",
      'commonjs',
    );
    const esm = run(
      "const server = await import('scenario-sdk/server'); console.log(Object.keys(server).sort().join(','))",
      'module',
    );
    expect([cjs, esm]).toEqual(['401', 'PROXY_ROUTES,createMemoryStore,createProxy,createRedisStore,toNodeHandler']);
    for (const entry of ['dist/server/index.js', 'dist/server/index.cjs']) {
      for (const file of reachableFiles(entry)) {
        const { staticImports, dynamicImports } = importsOf(file);
        expect(staticImports.filter((name) => name.startsWith('node:'))).toEqual([]);
        expect(
          [...staticImports, ...dynamicImports].filter((name) => /^(hono|@hono\/|msw|sharp|redis)/.test(name)),
        ).toEqual([]);
        expect([...staticImports, ...dynamicImports].filter((name) => CLI_DEPENDENCIES.test(name))).toEqual([]);
      }
    }
  });

  it('the CLI loads the emulator (and its peers) only through import("scenario-sdk/testing"), and only as ESM', () => {
    const files = reachableFiles('dist/cli/index.js', { dynamic: false });
    expect(files.length).toBeGreaterThan(1);
    const imports = files.map(importsOf);
    const staticImports = imports.flatMap((found) => found.staticImports);
    expect(staticImports.filter((name) => /^(hono|@hono\/|msw|sharp)|testing/.test(name))).toEqual([]);
    expect(imports.flatMap((found) => found.dynamicImports)).toContain('scenario-sdk/testing');
    expect(existsSync('dist/cli/index.cjs')).toBe(false);
    const { bin } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(readFileSync(bin.scenario, 'utf8')).toContain("from '../dist/cli/index.js'");
  });

  it('the library depends on ky, zod and p-retry only; the CLI bundles its own libraries', () => {
    const { dependencies, devDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(Object.keys(dependencies).sort()).toEqual(['ky', 'p-retry', 'zod']);
    expect(Object.keys(devDependencies)).toEqual(
      expect.arrayContaining(['commander', 'cli-progress', 'yaml', 'csv-parse']),
    );
    const files = reachableFiles('dist/cli/index.js');
    expect(files.filter((file) => !file.startsWith('dist/cli/'))).toEqual([]);
    // Besides Node's built-ins, the CLI imports only what every install has: this package, by its
    // own name (the SDK through its public entries, the emulator through scenario-sdk/testing),
    // and the package's dependencies.
    const bare = files.flatMap((file) => {
      const { staticImports, dynamicImports } = importsOf(file);
      return [...staticImports, ...dynamicImports].filter((name) => !name.startsWith('.'));
    });
    const installed = (name: string) =>
      isBuiltin(name) ||
      ['scenario-sdk', 'scenario-sdk/schemas', 'scenario-sdk/testing'].includes(name) ||
      Object.keys(dependencies).some((dependency) => name === dependency || name.startsWith(`${dependency}/`));
    expect(bare.filter((name) => !installed(name))).toEqual([]);
    expect(bare).toEqual(expect.arrayContaining(['scenario-sdk', 'scenario-sdk/schemas']));
    expect(bare.filter((name) => CLI_DEPENDENCIES.test(name))).toEqual([]);
    const licenses = readFileSync('dist/cli/LICENSES.md', 'utf8');
    for (const library of ['commander', 'cli-progress', 'string-width', 'yaml', 'csv-parse']) {
      expect(licenses).toMatch(new RegExp(`^## ${library} \\d+\\.\\d+\\.\\d+ \\((MIT|ISC)\\)\\n\\n\\S`, 'm'));
    }
  });

  it('every name the CLI reads from a chunk it loads on demand is there (bundled CommonJS exports only `default`)', async () => {
    const code = readFileSync('dist/cli/index.js', 'utf8');
    const wanted = [
      ...[...code.matchAll(/const \{([^}]*)\} = await import\("(\.\/[^"]+)"\)/g)].flatMap(
        ([, names = '', chunk = '']) =>
          names.split(',').map((name) => [chunk, name.split(':')[0]?.trim() ?? ''] as const),
      ),
      ...[...code.matchAll(/\(await import\("(\.\/[^"]+)"\)\)\.(\w+)/g)].map(
        ([, chunk = '', name = '']) => [chunk, name] as const,
      ),
    ];
    // The bars (cli-progress), the YAML and the CSV parser.
    expect(new Set(wanted.map(([chunk]) => chunk)).size).toBe(3);
    const missing: string[] = [];
    for (const [chunk, name] of wanted) {
      const loaded: Record<string, unknown> = await import(pathToFileURL(join('dist/cli', chunk)).href);
      if (loaded[name] === undefined) missing.push(`${chunk}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});

/** The packages only the command line uses. */
const CLI_DEPENDENCIES = /^(commander|cli-progress|yaml|csv-parse)(\/|$)/;

function pkgVersion(): string {
  return JSON.parse(readFileSync('package.json', 'utf8')).version;
}

function importsOf(file: string): { staticImports: string[]; dynamicImports: string[] } {
  const code = readFileSync(file, 'utf8');
  const specifiers = (pattern: RegExp) => [...code.matchAll(pattern)].map((match) => match[1] ?? '');
  return {
    // Statements only: the CLI's bundle holds libraries whose messages quote code ("from '.command()'").
    staticImports: [
      ...specifiers(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm),
      ...specifiers(/^\s*import\s*["']([^"']+)["']/gm),
      ...specifiers(/require\(\s*["']([^"']+)["']\s*\)/g),
    ],
    dynamicImports: specifiers(/import\(\s*["']([^"']+)["']/g),
  };
}

/** `entry` and every file it reaches through relative imports (tsup's shared chunks); `dynamic: false` follows static ones only. */
function reachableFiles(entry: string, { dynamic = true } = {}): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const { staticImports, dynamicImports } = importsOf(file);
    for (const name of [...staticImports, ...(dynamic ? dynamicImports : [])]) {
      if (name.startsWith('.')) visit(join(dirname(file), name));
    }
  };
  visit(entry);
  return [...seen];
}
