#!/usr/bin/env node
// The runtime matrix (`npm run test:runtimes`): packs the package, installs the tarball
// into a throwaway project, and runs the one smoke script (smoke.mjs: upload → img2img.run with
// progress → download → InvalidRequestError and NotFoundError → abort) against the emulator,
// served over HTTP on loopback by this process, on Node 22 (ESM), Node 24 (ESM), Node 24 (CJS
// require), Bun, Deno (npm: import) and headless Chromium (the built ESM bundle, cross-origin).
//
//   npm exec -- node scripts/runtimes/run-all.mjs [runtime…]   e.g. `… deno chromium`; default: all
//   RUNTIMES_REQUIRE_ALL=1  a runtime this machine lacks fails the matrix (CI); without it, it
//                           is skipped with a `SKIP <name>: why — how to install` line
//   RUNTIMES_VERBOSE=1      also print each smoke's step log
//   RUNTIMES_KEEP=1         keep the throwaway directory (its path is printed)
//   CHROMIUM_PATH=…         browser binary (default: chromium, chromium-browser or google-chrome on PATH)
//   RUNTIMES_TIMEOUT_MS     per-runtime limit (default 60000)
//
// A runtime named on the command line is required: missing, it fails. Runs on Node 24 (it
// imports availability.ts). Needs a built dist/ (`npm test` builds first). Node 22 is
// installed on first use from the npm registry (`node@22`) into
// node_modules/.cache/scenario-sdk-runtimes/, then reused.
// Every child runs in its own process group and is killed on its timeout; the emulators, the
// page server and the browser are closed and the throwaway directory removed, pass or fail.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM_ARGS,
  decide,
  findChromium,
  isExecutableFile,
  probeFromVersionRun,
  requirement,
} from './availability.ts';
import { serveProject } from './page-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const NODE22_DIR = join(ROOT, 'node_modules', '.cache', 'scenario-sdk-runtimes', 'node22');
const VERBOSE = Boolean(process.env.RUNTIMES_VERBOSE);
const KEEP = Boolean(process.env.RUNTIMES_KEEP);

const RUNTIME_TIMEOUT_MS = Number(process.env.RUNTIMES_TIMEOUT_MS) || 60_000;
const INSTALL_TIMEOUT_MS = 120_000;
const TOTAL_TIMEOUT_MS = 170_000;
/** Short jobs: the img2img job (a `flux` model) takes 1.2 s, long enough for progress events. */
const JOB_DURATIONS = { flux: 1200, inference: 1200, upload: 200 };
/** Files copied into the throwaway project next to its node_modules (smoke.mjs is the shared one). */
const PROJECT_FILES = [
  'smoke.mjs',
  'harness.mjs',
  'entry-esm.mjs',
  'entry-cjs.cjs',
  'entry-deno.mjs',
  'entry-browser.mjs',
];

/**
 * name → where its binary comes from (`probe`, see availability.ts) and the arguments that run
 * the smoke with it; `expect` is the runtime the harness must report.
 */
const RUNTIMES = [
  { name: 'node22-esm', expect: /^node v22\./, probe: probeNode22, args: ['entry-esm.mjs'] },
  { name: 'node24-esm', expect: /^node v24\./, probe: () => probeDevBinary('node'), args: ['entry-esm.mjs'] },
  { name: 'node24-cjs', expect: /^node v24\./, probe: () => probeDevBinary('node'), args: ['entry-cjs.cjs'] },
  { name: 'bun', expect: /^bun /, probe: () => probeDevBinary('bun'), args: ['entry-esm.mjs'] },
  {
    name: 'deno',
    expect: /^deno /,
    probe: () => probeDevBinary('deno'),
    // Scoped permissions: loopback only, the project directory, and the two SMOKE_* variables
    // (the SDK's own env lookups are allowed to fail: it treats them as unset).
    args: [
      'run',
      '--no-prompt',
      '--no-lock',
      '--allow-net=127.0.0.1',
      '--allow-read=.',
      '--allow-env=SMOKE_BASE_URL,SMOKE_PNG',
      'entry-deno.mjs',
    ],
  },
  { name: 'chromium', browser: true, probe: async () => findChromium(process.env, isExecutableFile) },
];

// ---------------------------------------------------------------------------------------------

const startedAt = performance.now();
const cleanups = new Set(); // async () => void, run in reverse order of registration
const children = new Set(); // live child processes (each its own process group)
let aborting = false; // set by a signal or the watchdog: stop reporting, just clean up and exit
function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

process.on('SIGINT', () => abortAll('interrupted (SIGINT)', 130));
process.on('SIGTERM', () => abortAll('terminated (SIGTERM)', 143));
const watchdog = setTimeout(
  () => abortAll(`the whole matrix took over ${seconds(TOTAL_TIMEOUT_MS)}`, 1),
  TOTAL_TIMEOUT_MS,
);
watchdog.unref();

const named = process.argv.slice(2);
const selected = pickRuntimes(named);
let results = [];
try {
  results = await main(selected);
} catch (error) {
  if (!aborting) console.error(`runtimes: setup failed: ${error instanceof Error ? error.message : error}`);
  results = selected.map((runtime) => ({ name: runtime.name, ok: false, reason: 'setup failed' }));
} finally {
  await cleanUp();
}
const failed = results.filter((result) => !result.ok);
const skipped = results.filter((result) => result.skipped);
const passed = results.length - failed.length - skipped.length;
console.log(
  `runtimes: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped` +
    `${skipped.length > 0 ? ` (${skipped.map((result) => result.name).join(', ')})` : ''}` +
    ` (${seconds(performance.now() - startedAt)})`,
);
// A matrix where nothing ran proves nothing.
process.exitCode = failed.length > 0 || passed === 0 ? 1 : 0;
clearTimeout(watchdog);
// Everything is closed; if a stray handle still holds the loop, do not hang CI over it.
setTimeout(() => {
  console.error('runtimes: a handle was still open after clean-up; exiting anyway');
  process.exit(process.exitCode);
}, 3000).unref();

// ---------------------------------------------------------------------------------------------

async function main(runtimes) {
  if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'index.cjs'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const { startEmulator } = await import(join(ROOT, 'dist', 'testing', 'index.js'));
  const work = await mkdtemp(join(tmpdir(), 'scenario-sdk-runtimes-'));
  cleanups.add(async () => {
    if (KEEP) console.log(`runtimes: kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  });

  // Prepare in parallel: the packed project, the input PNG, and each runtime's binary (Node 22
  // is installed on first use).
  const prepStart = performance.now();
  const [project, png, probes] = await Promise.all([
    prepareProject(work),
    makePng(join(work, 'input.png')),
    Promise.all(runtimes.map((runtime) => runtime.probe())),
  ]);
  await copyFile(png, join(project.dir, 'input.png'));
  const notes = probes.map((probe) => probe.note).filter(Boolean);
  console.log(
    `prepared in ${seconds(performance.now() - prepStart)}: ${project.tarball} → ${relative(work, project.dir)}/ ` +
      `(${project.packages.join(', ')})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
  );

  const results = [];
  const runnable = [];
  for (const [index, runtime] of runtimes.entries()) {
    const decision = decide(runtime.name, probes[index], requirement(runtime.name, process.env, named));
    if (decision.action === 'run') runnable.push({ runtime, bin: decision.path });
    else if (decision.action === 'skip') {
      console.log(decision.line);
      results.push({ name: runtime.name, ok: true, skipped: true });
    } else {
      console.log(`FAIL ${runtime.name}: ${decision.reason}`);
      results.push({ name: runtime.name, ok: false, reason: decision.reason });
    }
  }
  for (const { runtime, bin } of runnable) {
    const result = await runOne(runtime, bin, { startEmulator, project });
    if (aborting) break;
    results.push(result);
    if (result.ok) console.log(`PASS ${runtime.name} (${seconds(result.ms)}) ${result.detail}`);
    else console.log(`FAIL ${runtime.name}: ${result.reason}`);
    for (const line of result.log ?? []) console.log(`  | ${line}`);
  }
  return results;
}

/** One runtime (its binary: `bin`) against its own fresh emulator, so the emulator's counters are that runtime's alone. */
async function runOne(runtime, bin, ctx) {
  const start = performance.now();
  const emulator = await ctx.startEmulator({ jobDurations: JOB_DURATIONS, seed: runtime.name });
  const closeEmulator = () => emulator.close();
  cleanups.add(closeEmulator);
  let outcome;
  try {
    outcome = runtime.browser
      ? await runInChromium(bin, ctx.project.dir, emulator.url)
      : await runInProcess(bin, runtime.args, ctx.project.dir, emulator.url);
    if (outcome.ok) {
      const problem = checkOutcome(runtime, outcome.summary, emulator.state.counters);
      if (problem) outcome = { ...outcome, ok: false, reason: problem };
    }
  } catch (error) {
    outcome = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    cleanups.delete(closeEmulator);
    await emulator.close().catch(() => {});
  }
  const ms = performance.now() - start;
  if (!outcome.ok) return { name: runtime.name, ok: false, ms, reason: outcome.reason, log: outcome.log };
  const s = outcome.summary;
  const from = s.loadedFrom.replace(/^file:\/\//, '').replace(ctx.project.dir, '.');
  return {
    name: runtime.name,
    ok: true,
    ms,
    detail:
      `${s.runtime} · scenario-sdk ${s.version} from ${from} · ${s.progressEvents} progress events, ` +
      `${s.outputs} outputs, ${s.downloadedBytes} B PNG downloaded · ${s.errors.join(', ')}`,
    log: VERBOSE ? outcome.log : undefined,
  };
}

/** What the emulator saw must match what the smoke claims: 2 jobs (run + aborted run), the invalid one never sent. */
function checkOutcome(runtime, summary, counters) {
  if (runtime.expect && !runtime.expect.test(summary.runtime ?? '')) {
    return `ran on '${summary.runtime}', expected ${runtime.expect}`;
  }
  const posts = counters.requests['POST /generate/img2img'] ?? 0;
  if (posts !== 2 || counters.jobsCreated !== 2) {
    return `the emulator saw ${posts} POST /generate/img2img and ${counters.jobsCreated} jobs, expected 2 and 2 (the invalid call must send nothing)`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Node, Bun, Deno: a child process in the project directory.

async function runInProcess(bin, args, projectDir, baseUrl) {
  const env = childEnv({
    SMOKE_BASE_URL: baseUrl,
    SMOKE_PNG: join(projectDir, 'input.png'),
    DENO_DIR: join(projectDir, '..', 'deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
  });
  const run = await exec(bin, args, { cwd: projectDir, env, timeoutMs: RUNTIME_TIMEOUT_MS });
  const lines = run.stdout.split('\n');
  const log = lines.filter((line) => line.startsWith('  ')).map((line) => line.trim());
  const resultLine = lines.find((line) => line.startsWith('SMOKE_RESULT '));
  if (run.timedOut) return { ok: false, reason: `timed out after ${seconds(RUNTIME_TIMEOUT_MS)}`, log: tail(run) };
  if (resultLine && run.code === 0) {
    return { ok: true, summary: JSON.parse(resultLine.slice('SMOKE_RESULT '.length)), log };
  }
  const failLine = lines.find((line) => line.startsWith('SMOKE_FAIL '));
  const reason = failLine ? failLine.slice('SMOKE_FAIL '.length) : `exited with ${run.code ?? run.signal}, no result`;
  return { ok: false, reason, log: [...log, ...tail(run)] };
}

/** The last lines of a child's stderr, for a FAIL report. */
function tail(run) {
  return run.stderr.trim().split('\n').filter(Boolean).slice(-12);
}

// ---------------------------------------------------------------------------------------------
// Chromium: a page on another loopback port imports the built ESM bundle through an import map.

async function runInChromium(executablePath, projectDir, baseUrl) {
  const { chromium } = await import('playwright-core');
  const server = await serveProject(projectDir);
  const closeServer = () => server.close();
  cleanups.add(closeServer);
  let browser;
  const closeBrowser = () => browser?.close();
  cleanups.add(closeBrowser);
  const log = [];
  try {
    const deadline = Date.now() + RUNTIME_TIMEOUT_MS;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      chromiumSandbox: false, // --no-sandbox: CI runs as root
      timeout: 30_000,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage();
    page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) =>
      log.push(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
    );
    const pageUrl = `${server.url}/?api=${encodeURIComponent(baseUrl)}`;
    if (new URL(pageUrl).origin === new URL(baseUrl).origin) throw new Error('page and emulator share an origin');
    await page.goto(pageUrl, { timeout: Math.max(deadline - Date.now(), 1000) });
    await page.waitForFunction(() => window.__result !== undefined, null, {
      timeout: Math.max(deadline - Date.now(), 1000),
      polling: 100,
    });
    const result = await page.evaluate(() => window.__result);
    const version = browser.version();
    if (!result.ok) return { ok: false, reason: result.reason, log: [...result.log, ...log] };
    return {
      ok: true,
      summary: {
        ...result.summary,
        runtime: `chromium ${version} (page ${server.url}, API ${new URL(baseUrl).origin})`,
      },
      log: [...result.log, ...log],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: message, log };
  } finally {
    cleanups.delete(closeBrowser);
    cleanups.delete(closeServer);
    await browser?.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Preparation.

/**
 * `npm pack` into the work dir, then `npm install <tarball>` into a fresh project (no optional
 * peers). The pack skips the `prepack` build: dist/ is built already, and rebuilding it would
 * rewrite the files this process loaded the emulator from.
 */
async function prepareProject(work) {
  const pack = await exec(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'],
    {
      cwd: ROOT,
      env: childEnv(),
      timeoutMs: INSTALL_TIMEOUT_MS,
    },
  );
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  const [{ filename }] = JSON.parse(pack.stdout);
  const tarball = join(work, filename);

  const dir = join(work, 'project');
  await mkdir(dir);
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'runtime-smoke', private: true, type: 'module' }, null, 2)}\n`,
  );
  // Deno: take npm: packages from this project's node_modules (npm installed them).
  await writeFile(join(dir, 'deno.json'), `${JSON.stringify({ nodeModulesDir: 'manual' }, null, 2)}\n`);
  for (const file of PROJECT_FILES) await copyFile(join(HERE, file), join(dir, file));

  const install = await exec(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefer-offline',
      '--loglevel=error',
      tarball,
    ],
    { cwd: dir, env: childEnv(), timeoutMs: INSTALL_TIMEOUT_MS },
  );
  if (install.code !== 0) throw new Error(`npm install of ${filename} failed: ${tail(install).join(' | ')}`);
  const packages = (await readdir(join(dir, 'node_modules'))).filter((name) => !name.startsWith('.'));
  const peers = packages.filter((name) => ['sharp', 'hono', 'msw', '@hono'].includes(name));
  if (peers.length > 0)
    throw new Error(`the optional peers ${peers.join(', ')} were installed; the SDK must not need them`);
  return { dir, tarball: filename, packages };
}

// ---------------------------------------------------------------------------------------------
// Finding each runtime's binary (the decisions on what is found are in availability.ts).

/** node_modules/.bin/<name> (the node, bun and deno devDependencies), if it runs `--version`. */
async function probeDevBinary(name) {
  const bin = join(BIN, name);
  const run = existsSync(bin) ? await exec(bin, ['--version'], { env: childEnv(), timeoutMs: 15_000 }) : undefined;
  return probeFromVersionRun(name, bin, run);
}

/** Node 22, installed on first use; without a registry to install it from, it is missing. */
async function probeNode22() {
  try {
    const { bin, note } = await ensureNode22();
    return { found: true, path: bin, note: `node 22 ${note}` };
  } catch (error) {
    return {
      found: false,
      why: error instanceof Error ? error.message : String(error),
      install: `it is installed on first use from the npm registry into ${relative(ROOT, NODE22_DIR)}/, so run once with registry access`,
    };
  }
}

/** Node 22 from the npm registry's `node@22` package, cached under node_modules/.cache. */
async function ensureNode22() {
  const bin = join(NODE22_DIR, 'node_modules', 'node', 'bin', 'node');
  const version = async () => {
    if (!existsSync(bin)) return undefined;
    const run = await exec(bin, ['--version'], { env: childEnv(), timeoutMs: 15_000 });
    return run.code === 0 && run.stdout.startsWith('v22.') ? run.stdout.trim() : undefined;
  };
  const cached = await version();
  if (cached) return { bin, note: `${cached} (cached)` };

  const start = performance.now();
  const staging = `${NODE22_DIR}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const install = await exec(
      'npm',
      [
        'install',
        '--prefix',
        staging,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--loglevel=error',
        'node@22',
      ],
      { cwd: staging, env: childEnv(), timeoutMs: INSTALL_TIMEOUT_MS },
    );
    if (install.code !== 0) throw new Error(`npm install node@22 failed: ${tail(install).join(' | ')}`);
    await rm(NODE22_DIR, { recursive: true, force: true });
    await rename(staging, NODE22_DIR);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const installed = await version();
  if (!installed) throw new Error(`node@22 installed, but ${bin} does not run as v22`);
  return { bin, note: `${installed} (installed in ${seconds(performance.now() - start)})` };
}

/** A small real PNG (a gradient), made with sharp, the emulator's own image library. */
async function makePng(path) {
  const { default: sharp } = await import('sharp');
  const width = 96;
  const height = 64;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) % 16) * 16;
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Processes and clean-up.

/** The parent's environment without npm's per-script variables and the SDK's own settings. */
function childEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_lifecycle_|npm_package_|SCENARIO_)/.test(key)) continue;
    if (['npm_config_local_prefix', 'INIT_CWD', 'NODE_OPTIONS', 'NODE_PATH'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command in its own process group; on timeout the whole group is killed. */
function exec(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const done = (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      // Anything the child left in its group (a grandchild) goes with it.
      killGroup(child);
      resolve({ code, signal, stdout, stderr, timedOut });
    };
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      done(null, null);
    });
    child.on('close', done);
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function cleanUp() {
  for (const child of children) killGroup(child);
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await Promise.resolve()
      .then(cleanup)
      .catch((error) => console.error(`runtimes: clean-up step failed: ${error?.message ?? error}`));
  }
}

async function abortAll(why, code) {
  if (aborting) return;
  aborting = true;
  console.log(`FAIL runtimes: ${why}; stopping everything`);
  const force = setTimeout(() => process.exit(code), 10_000);
  force.unref();
  await cleanUp();
  process.exit(code);
}

function pickRuntimes(names) {
  if (names.length === 0) return RUNTIMES;
  const unknown = names.filter((name) => !RUNTIMES.some((runtime) => runtime.name.startsWith(name)));
  if (unknown.length > 0) {
    console.error(
      `runtimes: unknown ${unknown.join(', ')}; known: ${RUNTIMES.map((runtime) => runtime.name).join(', ')}`,
    );
    process.exit(2);
  }
  return RUNTIMES.filter((runtime) => names.some((name) => runtime.name.startsWith(name)));
}
