/**
 * The one helper the examples share (not part of the SDK): a client for the real API or the
 * in-process emulator, command-line flags, a progress line per job, and saving outputs.
 *
 * Emulator or live: with no credentials in the environment (`SCENARIO_API_KEY` +
 * `SCENARIO_API_SECRET`, or `SCENARIO_API_TOKEN`) and no `--live`, the examples run against the
 * emulator from `scenario-sdk/testing`, in-process: no network, no credits.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { type Asset, fileExtension, type GenerationJob, type Job, JobError, Scenario } from 'scenario-sdk';
import type { EmulatorOptions } from 'scenario-sdk/testing';

/** A bundled sketch: `sketch.png` (a knight), `poses.png` (three poses), `evolution.png` (three stages). */
export const bundled = (name: string) => join(import.meta.dirname, 'assets', name);

/** A mistake in how the script was called: printed as one line, exit code 1. */
export class UsageError extends Error {}

/** Job durations (ms) of the examples' emulator: a few seconds, so progress is visible but runs stay short. */
const EMULATOR_JOB_DURATIONS = {
  flux: 3000,
  inference: 3000,
  custom: 3000,
  detection: 1500,
  'remove-background': 1500,
  upscale: 2000,
  texture: 1500,
  'skybox-base-360': 3000,
  'skybox-upscale-360': 2000,
  pixelate: 1000,
  vectorize: 1000,
  'patch-image': 300,
  upload: 500,
};

export const hasCredentials = () =>
  Boolean((process.env.SCENARIO_API_KEY && process.env.SCENARIO_API_SECRET) || process.env.SCENARIO_API_TOKEN);

/**
 * The client: the real API when credentials are set or `live` is asked for, else a fresh
 * in-process emulator (announced in one line). `emulator` options tune the emulator only.
 */
export async function connect(
  live: boolean,
  emulator: EmulatorOptions = {},
): Promise<{ client: Scenario; emulated: boolean }> {
  if (live || hasCredentials()) {
    if (!hasCredentials()) {
      throw new UsageError('--live needs SCENARIO_API_KEY and SCENARIO_API_SECRET (or SCENARIO_API_TOKEN) to be set');
    }
    const where = process.env.SCENARIO_BASE_URL ? ` at ${process.env.SCENARIO_BASE_URL}` : '';
    console.log(`Using the Scenario API${where} with the credentials from the environment (this bills credits).`);
    return { client: new Scenario(), emulated: false };
  }
  // Imported only here, so live runs need none of the emulator's dependencies (hono, msw, sharp).
  const { createEmulator } = await import('scenario-sdk/testing');
  const local = createEmulator({ ...emulator, jobDurations: { ...EMULATOR_JOB_DURATIONS, ...emulator.jobDurations } });
  console.log(
    'No Scenario credentials: running on the local emulator (no network, no credits); set SCENARIO_API_KEY and SCENARIO_API_SECRET for the real API.',
  );
  const client = new Scenario({ fetch: local.fetch, baseUrl: local.url, apiKey: 'emulator', apiSecret: 'emulator' });
  return { client, emulated: true };
}

const COMMON_FLAGS = {
  live: { type: 'boolean', default: false },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/**
 * Parses `process.argv` with `node:util` `parseArgs`: the script's own flags plus `--live`,
 * `--output <dir>` and `--help` (which prints `usage` and exits). Unknown flags are a `UsageError`.
 */
export function flags<const T extends ParseArgsOptionsConfig>(usage: string, options: T) {
  const parse = () =>
    parseArgs({ options: { ...options, ...COMMON_FLAGS }, strict: true as const, allowPositionals: false as const });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    // Node's messages carry a second sentence about `--` and positionals; the first one says it all.
    throw new UsageError(`${(error as Error).message.split('. ')[0]} (see --help)`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage.trim());
    process.exit(0);
  }
  return parsed.values;
}

/** A number flag, checked to lie in [min, max] (and to be whole when `integer`). */
export function numberFlag(name: string, value: string, min: number, max: number, integer = false): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${value}"`,
    );
  }
  return number;
}

/** Where an example writes: `--output`, else `./output/<example>`. */
export const outputDir = (example: string, flag: string | undefined) => resolve(flag ?? join('output', example));

const LITTLE_WORDS = new Set(['a', 'an', 'the', 'of', 'with', 'and', 'in', 'on', 'at', 'for', 'to']);

/** `an armored knight with a sword, full body` → `armored-knight`: a readable file-name stem from a prompt. */
export function slug(text: string, words = 2): string {
  const stem = (text.split(',')[0] ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !LITTLE_WORDS.has(word))
    .slice(0, words)
    .join('-');
  return stem || 'image';
}

/**
 * Downloads every asset first, then writes them as `<dir>/<stem>-1.png`, `-2.png`… (each via a
 * temporary file and a rename), so a failed download leaves nothing behind. Returns the paths.
 */
export async function save(client: Scenario, assets: Asset[], dir: string, stem: string): Promise<string[]> {
  const files = await Promise.all(assets.map((asset) => client.assets.download(asset)));
  await mkdir(dir, { recursive: true });
  return Promise.all(
    files.map(async (bytes, index) => {
      const extension = fileExtension(assets[index]?.mimeType);
      const file = join(dir, `${stem}${assets.length > 1 ? `-${index + 1}` : ''}.${extension}`);
      await writeFile(`${file}.part`, bytes);
      await rename(`${file}.part`, file);
      return file;
    }),
  );
}

/** A path as short as it can be shown: relative to the working directory when inside it. */
export const shown = (path: string) => (relative('.', path).startsWith('..') ? path : relative('.', path) || '.');

/**
 * One status line: rewritten in place on a terminal (`\r`), or printed as plain lines — only
 * when `plain` changes — when stdout is a file or a pipe.
 */
export function statusLine() {
  const tty = Boolean(process.stdout.isTTY);
  let lastPlain = '';
  // A line wider than the terminal would wrap, and `\r` would then rewrite only its last part.
  const clip = (text: string) => text.slice(0, Math.max(20, (process.stdout.columns ?? 80) - 1));
  return {
    tty,
    update(text: string, plain = text) {
      if (tty) process.stdout.write(`\r${clip(text)}\x1b[K`);
      else if (plain !== lastPlain) console.log(plain);
      lastPlain = plain;
    },
    end(text: string) {
      if (tty) process.stdout.write(`\r${clip(text)}\x1b[K\n`);
      else console.log(text);
    },
  };
}

/** `[██████░░░░░░]` for a fraction 0–1. */
export const bar = (fraction: number, width = 20) => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
};

/**
 * Waits for a submitted job with a live progress line (`label job_… [████░░] 40% in-progress 1.2s`),
 * and returns its result (the outputs, or the resource's own: maps by name, captions). The line
 * ends with the outcome, success or not.
 */
export async function follow<R>(generation: GenerationJob<R>, label: string): Promise<R> {
  const line = statusLine();
  const startedAt = performance.now();
  let job: Job = generation.job;
  const render = () => {
    const percent = Math.round((job.progress ?? 0) * 100);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    line.update(
      `${label} ${generation.id} ${bar(job.progress ?? 0)} ${String(percent).padStart(3)}% ${job.status} ${seconds}s`,
      `${label} ${generation.id}: ${job.status} ${percent}%`,
    );
  };
  const ticker = line.tty ? setInterval(render, 100) : undefined;
  try {
    const result = await generation.wait({
      onProgress: (seen) => {
        job = seen;
        render();
      },
    });
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    line.end(`${label} ${generation.id} ${bar(1)} 100% done in ${seconds}s`);
    return result;
  } catch (error) {
    line.end(`${label} ${generation.id}: ${job.status}, stopped`);
    throw error;
  } finally {
    clearInterval(ticker);
  }
}

/**
 * Runs an example's `main`: any error becomes one line on stderr (with the job id when a job
 * was involved, so paid work can be found again) and exit code 1.
 */
export function run(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const job = error instanceof JobError && !message.includes(error.jobId) ? ` (job ${error.jobId})` : '';
    process.stderr.write(`${name}: ${message.split('\n')[0]}${job}\n`);
    process.exit(1);
  });
}
