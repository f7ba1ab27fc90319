/**
 * What `npm pack` and `npm publish` ship, from a fresh clone: the repository's files as git sees
 * them (tracked and new, so never dist/ or node_modules/) are copied to a temporary directory,
 * where `npm pack` has to build dist/ itself (the `prepack` script). The tarball is extracted,
 * given the repository's node_modules for its dependencies, and every `bin` entry is run the
 * way npm links it: as an executable file, through its shebang. Then it is installed as a user
 * would, `npm install <tarball>` in an empty folder, which gets its dependencies and nothing else.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PACK_TIMEOUT = 180_000;
const BIN_TIMEOUT = 30_000;
const INSTALL_TIMEOUT = 120_000;

interface Manifest {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  files?: string[];
}

const repoManifest: Manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const bins = binEntries(repoManifest);

let work: string;
let clone: string;
let tarball: string;
let packageDir: string;
let shipped: string[];
let manifest: Manifest;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scenario-sdk-pack-'));
  clone = join(work, 'clone');
  const sharedModules = realpathSync(join(ROOT, 'node_modules'));
  for (const file of await repositoryFiles()) {
    await mkdir(dirname(join(clone, file)), { recursive: true });
    await copyFile(join(ROOT, file), join(clone, file));
  }
  if (existsSync(join(clone, 'dist'))) throw new Error('the clone has a dist/ already; the test would prove nothing');
  await symlink(sharedModules, join(clone, 'node_modules'), 'dir');

  const out = join(work, 'out');
  await mkdir(out);
  const pack = await run('npm', ['pack', '--pack-destination', out], { cwd: clone, timeout: PACK_TIMEOUT });
  if (pack.code !== 0) throw new Error(`npm pack failed (${pack.code}): ${pack.stderr.slice(-2000)}`);
  const tarballs = (await readdir(out)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs: ${tarballs.join(', ')}`);

  const extracted = join(work, 'installed');
  await mkdir(extracted);
  tarball = join(out, tarballs[0] as string);
  const untar = await run('tar', ['-xzf', tarball, '-C', extracted], { cwd: work });
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  packageDir = join(extracted, 'package');
  await symlink(sharedModules, join(extracted, 'node_modules'), 'dir');
  shipped = await listFiles(packageDir);
  manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
}, PACK_TIMEOUT);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm pack from a fresh clone', () => {
  it('ships dist/, built by prepack, with both formats and their types for each entry, and no sources', () => {
    for (const entry of ['index', 'testing/index']) {
      for (const extension of ['js', 'cjs', 'd.ts', 'd.cts']) expect(shipped).toContain(`dist/${entry}.${extension}`);
    }
    // The guides ship (the README links them); the API docs' sources and build do not.
    const unwanted = (file: string) =>
      /^(src|test|scripts|bench|examples)\//.test(file) ||
      (file.startsWith('docs/') && !/^docs\/[^/]+\.md$/.test(file));
    expect(shipped.filter(unwanted)).toEqual([]);
    expect(shipped).toContain('docs/getting-started.md');
  });

  it('contains every file its package.json points at: main, module, types, exports, bin, the testing/ stub', () => {
    const targets = [manifest.main, manifest.module, manifest.types, ...exportTargets(manifest.exports)];
    targets.push(...binEntries(manifest).map(([, path]) => path));
    // The folder TypeScript's legacy `moduleResolution: node` reads for `scenario-sdk/testing`.
    const stub: Manifest = JSON.parse(readFileSync(join(packageDir, 'testing', 'package.json'), 'utf8'));
    targets.push(...[stub.main, stub.module, stub.types].map((path) => path && posix.join('testing', path)));
    expect(stub.types).toMatch(/\.d\.cts$/);
    const missing = targets.filter((path) => path === undefined || !shipped.includes(posix.normalize(path)));
    expect(missing).toEqual([]);
    expect(targets.length).toBeGreaterThan(10);
  });

  it('has the same bin entries as the repository', () => {
    expect(binEntries(manifest)).toEqual(bins);
    expect(bins.length).toBeGreaterThan(0);
  });

  it.each(bins)('bin %s runs from the tarball: `--help` exits 0 and prints its usage', async (name, path) => {
    const file = join(packageDir, path);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const help = await run(await linkedBin(file), ['--help'], { cwd: work, timeout: BIN_TIMEOUT });
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/usage/i);
    expect(help.stdout).toContain(name);
  });

  it(
    'bin scenario-emulator starts on port 0, answers the API, and exits 0 on SIGTERM',
    async () => {
      const path = bins.find(([name]) => name === 'scenario-emulator')?.[1];
      expect(path).toBeDefined();
      const child = spawn(await linkedBin(join(packageDir, path as string)), ['--port', '0'], {
        cwd: work,
        env: binEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let output = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            output += chunk;
            const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(output);
            if (match) resolve(match[1] as string);
          });
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
            output += chunk;
          });
          child.on('exit', (code) => reject(new Error(`exited with ${code} before listening: ${output}`)));
        });
        const response = await fetch(`${url}/models`, { headers: { authorization: `Basic ${btoa('key:secret')}` } });
        expect(response.status).toBe(200);
        expect(await response.json()).toHaveProperty('models');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    },
    BIN_TIMEOUT,
  );
});

describe('npm install of the tarball in an empty folder, without the optional peers', () => {
  let app: string;

  beforeAll(async () => {
    app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{ "private": true }\n');
    const install = await run(
      'npm',
      ['install', tarball, '--omit=peer', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: app, timeout: INSTALL_TIMEOUT },
    );
    if (install.code !== 0) throw new Error(`npm install failed (${install.code}): ${install.stderr.slice(-2000)}`);
  }, INSTALL_TIMEOUT);

  it("installs the SDK with ky, zod and p-retry: none of the command line's libraries, none of the peers", async () => {
    const installed = (await readdir(join(app, 'node_modules'))).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(expect.arrayContaining(['scenario-sdk', 'ky', 'zod', 'p-retry']));
    const unwanted = /^(commander|cli-progress|yaml|csv-parse|string-width|hono|@hono|msw|sharp)$/;
    expect(installed.filter((name) => unwanted.test(name))).toEqual([]);
  });

  it('`scenario --help` prints the usage', async () => {
    const help = await run(join(app, 'node_modules', '.bin', 'scenario'), ['--help'], { cwd: app });
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: scenario \[options\] \[command\]\n/);
    expect(help.stdout).toContain('batch [options] <manifest>');
  });

  it('a generation builds its client from the installed SDK and stops at the missing credentials (exit 2)', async () => {
    const bin = join(app, 'node_modules', '.bin', 'scenario');
    const quote = await run(bin, ['estimate', 'txt2img', '--model', 'flux.1-dev', '--prompt', 'a knight'], {
      cwd: app,
      env: { SCENARIO_API_KEY: '', SCENARIO_API_SECRET: '', SCENARIO_API_TOKEN: '' },
    });
    expect(quote.code, quote.stderr).toBe(2);
    expect(quote.stderr).toMatch(/^scenario: no credentials: set SCENARIO_API_KEY and SCENARIO_API_SECRET/);
  });
});

/** Tracked and untracked-but-not-ignored files, as a fresh clone of this working tree would have them. */
async function repositoryFiles(): Promise<string[]> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  // A tracked file deleted in the working tree is still listed by --cached.
  return listed.stdout.split('\0').filter((file) => file && existsSync(join(ROOT, file)));
}

/** `bin` as [name, path] pairs; a string `bin` is named after the package. */
function binEntries(pkg: Manifest): [string, string][] {
  if (typeof pkg.bin === 'string') return [[pkg.name, pkg.bin]];
  return Object.entries(pkg.bin ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The bin made executable, as npm's linking does on install; it runs through its own shebang. */
async function linkedBin(file: string): Promise<string> {
  await chmod(file, 0o755);
  return file;
}

/** No npm per-script settings, and `node` on PATH is the one running the tests (the shebang's `env node`). */
function binEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  return { ...env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
}

function run(
  command: string,
  args: string[],
  { cwd, timeout = 60_000, env = {} }: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { cwd, env: { ...binEnv(), ...env }, timeout, maxBuffer: 64 * 1024 * 1024 };
    execFile(command, args, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
