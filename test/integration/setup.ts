import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll } from 'vitest';
import { Scenario } from '../../src/client.js';
import type { ClientOptions } from '../../src/core/options.js';
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
  VirtualClock,
} from '../../src/testing/index.js';

/** The example sketch every seed workflow starts from (512×512 PNG). */
export const SKETCH_PATH = fileURLToPath(new URL('../../examples/assets/sketch.png', import.meta.url));
export const sketchBytes = async () => new Uint8Array(await readFile(SKETCH_PATH));

const CREDENTIALS = { apiKey: 'api_integration', apiSecret: 'integration-secret' };

/**
 * Short jobs so the suite stays fast; each test may override. Durations are real ms: the client
 * waits on real time, so the emulator runs on its system clock, unless a test's assertions
 * depend on where a job is when it is polled or aborted: those run it on a virtual clock
 * (see {@link startWithSteppingJobs}).
 */
export const FAST_JOBS = {
  inference: 500,
  flux: 500,
  custom: 500,
  detection: 400,
  'remove-background': 400,
  upscale: 400,
  texture: 400,
  'skybox-base-360': 400,
  'skybox-upscale-360': 400,
  pixelate: 300,
  vectorize: 300,
  reframe: 400,
  restyle: 400,
  segment: 300,
  repaint: 400,
  'image-prompt-editing': 400,
  'patch-image': 200,
  upload: 200,
};

/** Polls often, so a run ends soon after its job (the adaptive schedule waits 1 s before its first poll). */
export const QUICK = { pollInterval: 250 } as const;

export interface Harness {
  emulator: Emulator;
  client: Scenario;
  /** The client's warnings and errors (retries, unknown statuses), kept out of the test output. */
  warnings: string[];
}

/** A client logger that keeps warnings and errors for assertions. */
function recordingLogger(warnings: string[]) {
  const keep = (message: string) => void warnings.push(message);
  return { debug() {}, info() {}, warn: keep, error: keep };
}

/** How the client reaches the emulator: its `fetch` in-process, or a real HTTP server on a free port. */
export interface Mode {
  name: string;
  start(options?: EmulatorOptions, client?: ClientOptions): Promise<Harness>;
  /** The `fetch` that reaches `emulator` in this mode. */
  fetchOf(emulator: Emulator): typeof fetch;
}

/** HTTP emulators started by this file's tests, closed once they all ran (tests run concurrently). */
const servers = new Set<Emulator>();
afterAll(() => Promise.all([...servers].map((server) => server.close())));

/**
 * A mode whose `start` launches an emulator with the test credentials and {@link FAST_JOBS} (under
 * the test's own durations), and a client that reaches it through `connection` and keeps its warnings.
 */
function mode(
  name: string,
  launch: (options: EmulatorOptions) => Emulator | Promise<Emulator>,
  connection: (emulator: Emulator) => ClientOptions,
): Mode {
  return {
    name,
    fetchOf: (emulator) => connection(emulator).fetch ?? globalThis.fetch,
    async start(options = {}, clientOptions = {}) {
      const emulator = await launch({
        ...CREDENTIALS,
        ...options,
        jobDurations: { ...FAST_JOBS, ...options.jobDurations },
      });
      const warnings: string[] = [];
      const client = new Scenario({
        ...connection(emulator),
        ...CREDENTIALS,
        logger: recordingLogger(warnings),
        ...clientOptions,
      });
      return { emulator, client, warnings };
    },
  };
}

export const MODES: Mode[] = [
  mode('in-process', createEmulator, (emulator) => ({ fetch: emulator.fetch, baseUrl: emulator.url })),
  mode(
    'over HTTP',
    async ({ baseUrl: _baseUrl, cdnUrl: _cdnUrl, ...rest }) => {
      const running = await startEmulator({ port: 0, ...rest });
      servers.add(running);
      return running;
    },
    (emulator) => ({ baseUrl: emulator.url }),
  ),
];

/**
 * Starts `mode` with its jobs on a virtual clock that moves `stepMs` at each poll (`GET /jobs/…`),
 * whatever the real time between polls: each poll finds the job a fixed step further on, so what
 * the polls see does not depend on how busy the machine is.
 */
export async function startWithSteppingJobs(mode: Mode, stepMs: number, options: EmulatorOptions = {}) {
  const clock = new VirtualClock();
  let send: typeof fetch = globalThis.fetch;
  const stepping: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'GET' && new URL(request.url).pathname.includes('/jobs/')) await clock.advance(stepMs);
    return send(request);
  };
  const harness = await mode.start({ ...options, clock }, { fetch: stepping });
  send = mode.fetchOf(harness.emulator);
  return { ...harness, clock };
}

/** Width, height, format and alpha of encoded image bytes. */
export async function imageInfo(bytes: Uint8Array) {
  const { width, height, format, hasAlpha, channels } = await sharp(bytes).metadata();
  return { width, height, format, hasAlpha, channels };
}

/** The alpha value of the pixel at (x, y). */
export async function alphaAt(bytes: Uint8Array, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return data[(y * info.width + x) * info.channels + 3] as number;
}

/** How many requests the emulator received for `"METHOD /route"` (e.g. `"POST /generate/img2img"`). */
export const requestsTo = (emulator: Emulator, key: string) => emulator.state.counters.requests[key] ?? 0;

/** Total requests the emulator received. */
export const totalRequests = (emulator: Emulator) => emulator.state.requests.length;

/** Resolves once `check` returns true, polling every 20 ms, or rejects after `ms`. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition still false after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Mean absolute difference per channel (0–255) between two images, compared at `b`'s size on white. */
export async function meanDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const { width = 0, height = 0 } = await sharp(b).metadata();
  const raw = (bytes: Uint8Array) =>
    sharp(bytes).resize(width, height, { fit: 'cover' }).flatten({ background: '#ffffff' }).raw().toBuffer();
  const [left, right] = await Promise.all([raw(a), raw(b)]);
  let sum = 0;
  for (let i = 0; i < left.length; i++) sum += Math.abs((left[i] ?? 0) - (right[i] ?? 0));
  return sum / left.length;
}
