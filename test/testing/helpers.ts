import sharp from 'sharp';
import { afterEach } from 'vitest';
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  VirtualClock,
} from '../../src/testing/index.js';

export const AUTH = { authorization: `Basic ${btoa('api_key:secret')}` };
/**
 * A user's bearer token: unlike an API key (one project), it may act in any of the user's
 * projects, so tests reach another project with it and `?projectId=`.
 */
export const AS_USER = { authorization: 'Bearer user-token' };

/** A parsed answer: status, JSON (or text) body, headers. */
export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the emulator answered.
  body: any;
  headers: Headers;
}

/** A tiny client shaped like the real API calls: JSON bodies, auth header, query parameters. */
export function caller(emulator: Pick<Emulator, 'fetch' | 'url'>) {
  return async (
    method: string,
    path: string,
    options: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const url = new URL(`${emulator.url}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const response = await emulator.fetch(url, {
      method,
      headers: { ...AUTH, 'content-type': 'application/json', ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (HTML 502, XML storage errors): keep the text.
    }
    return { status: response.status, body, headers: response.headers };
  };
}

/**
 * `start(options)` for a test file: an emulator over HTTP on a free port, with a caller using the
 * real `fetch`, closed after the test that started it.
 */
export function httpEmulators() {
  let running: RunningEmulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async (options: StartEmulatorOptions = {}) => {
    running = await startEmulator(options);
    return { server: running, call: caller({ url: running.url, fetch: globalThis.fetch }) };
  };
}

/** An emulator on a virtual clock, with its caller. */
export function setup(options: EmulatorOptions = {}) {
  const clock = new VirtualClock();
  const emulator = createEmulator({ clock, ...options });
  return { clock, emulator, call: caller(emulator) };
}

/** A PNG: a `background` field with a centred `foreground` square (half the smaller side). */
export async function testImage(
  width = 64,
  height = 48,
  { background = '#ffffff', foreground = '#d02020' } = {},
): Promise<Uint8Array> {
  const side = Math.floor(Math.min(width, height) / 2);
  const square = await sharp({ create: { width: side, height: side, channels: 3, background: foreground } })
    .png()
    .toBuffer();
  const png = await sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: square, gravity: 'centre' }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

export const dataUrl = (bytes: Uint8Array, mime = 'image/png') =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** Uploads `bytes` with `POST /assets` and returns the asset. */
export async function uploadImage(call: ReturnType<typeof caller>, bytes: Uint8Array, name = 'test.png') {
  const answer = await call('POST', '/assets', { body: { name, image: dataUrl(bytes) } });
  if (answer.status !== 200) throw new Error(`upload failed: ${JSON.stringify(answer.body)}`);
  return answer.body.asset;
}

/** An emulator (see {@link setup}) with one 64×64 image uploaded: `image` is its asset id. */
export async function withImage(options: EmulatorOptions = {}) {
  const context = setup(options);
  const image = (await uploadImage(context.call, await testImage(64, 64))).id as string;
  return { ...context, image };
}

/** Downloads an asset's signed URL through the emulator's fetch, without auth. */
export async function download(emulator: Pick<Emulator, 'fetch'>, url: string): Promise<Uint8Array> {
  const response = await emulator.fetch(url);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Submits a generation, lets its whole duration pass on the virtual clock, and returns the finished job. */
export async function runToEnd(context: ReturnType<typeof setup>, path: string, body: unknown) {
  const submitted = await context.call('POST', path, { body });
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  await context.clock.advance(60_000);
  const { body: answer } = await context.call('GET', `/jobs/${submitted.body.job.jobId}`);
  return answer.job;
}
