/**
 * Runs the BUILT `scenario` bin (bin/scenario.js → dist/cli) as a child process against an
 * emulator served over HTTP, each test in its own temporary folder. Build first: `npx tsup`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../../src/testing/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'scenario.js');
const images = mkdtempSync(join(tmpdir(), 'scenario-cli-images-'));
/**
 * The example sketch, made 64×64: outputs follow the input's size, and the emulator renders every
 * output with sharp, so small inputs keep a 20-row batch cheap.
 */
export const SKETCH = join(images, 'sketch.png');

/** Short jobs: the suite waits on real time. */
export const SHORT_JOBS = {
  inference: 300,
  flux: 300,
  custom: 300,
  detection: 300,
  'remove-background': 300,
  upscale: 300,
  texture: 300,
  'skybox-base-360': 300,
  'skybox-upscale-360': 300,
  pixelate: 300,
  vectorize: 300,
  reframe: 300,
  restyle: 300,
  segment: 300,
  repaint: 300,
  'image-prompt-editing': 300,
  'patch-image': 300,
};

/** What a finished run printed and how it exited. */
export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `scenario` process. */
export interface Run {
  child: ChildProcess;
  /** Settles when the process exits. */
  done: Promise<Outcome>;
}

/** Starts `scenario <args>` in `cwd`, with credentials for (and the base URL of) `emulator`. */
export function start(
  args: readonly string[],
  cwd: string,
  emulator?: RunningEmulator,
  env: Record<string, string> = {},
): Run {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCENARIO_')));
  const credentials = emulator
    ? { SCENARIO_API_KEY: 'api_cli', SCENARIO_API_SECRET: 'cli-secret', SCENARIO_BASE_URL: emulator.url }
    : {};
  // process.execPath is the Node 24 that runs vitest.
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...credentials, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Outcome>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `scenario <args>` to its end. */
export function run(args: readonly string[], cwd: string, emulator?: RunningEmulator, env?: Record<string, string>) {
  return start(args, cwd, emulator, env).done;
}

const folders: string[] = [];
const emulators: RunningEmulator[] = [];

/** A fresh working folder, removed after the file's tests. */
export async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-cli-'));
  folders.push(dir);
  return dir;
}

/** A fresh emulator over HTTP with short jobs, closed after the file's tests; its counters are the test's own. */
export async function emulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ ...options, jobDurations: { ...SHORT_JOBS, ...options.jobDurations } });
  emulators.push(started);
  return started;
}

/** The files in `dir`, sorted; `[]` when it does not exist. */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The lines of `text` parsed as JSON, one object each. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** Generation requests the emulator received (dry runs included). */
export function generateRequests(running: RunningEmulator): number {
  return running.state.requests.filter((request) => request.path.startsWith('/v1/generate')).length;
}

/** Fails the file early when dist/ is missing or older than src/cli. */
function assertFreshBuild(): void {
  const built = join(ROOT, 'dist', 'cli', 'index.js');
  if (!existsSync(built)) throw new Error('dist/cli is missing: run `npx tsup` first');
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  if (newest(join(ROOT, 'src')) > statSync(built).mtimeMs)
    throw new Error('dist/ is older than src/: run `npx tsup` first');
}

beforeAll(async () => {
  assertFreshBuild();
  await sharp(join(ROOT, 'examples', 'assets', 'sketch.png'))
    .resize(64)
    .png()
    .toFile(SKETCH);
});
afterAll(async () => {
  await Promise.all(emulators.map((running) => running.close()));
  await Promise.all([...folders, images].map((dir) => rm(dir, { recursive: true, force: true })));
});
