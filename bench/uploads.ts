/**
 * Uploads: a 20 MB PNG through `client.assets.upload(bytes)` (the multipart `/uploads` flow:
 * create, 4 signed part PUTs, complete, asset read) to the emulator over HTTP on loopback,
 * beside a raw `fetch` PUT of the same bytes to the same server (one signed part URL of an
 * upload created for it).
 *
 * - Peak RSS growth: each measured in a fresh child process holding only the client side
 *   (the emulator runs in this, the parent, process), from a baseline taken after one small
 *   API call (so fetch is loaded) with the file already in memory (or, for a path, not); sampled every 2 ms, and checked against `resourceUsage().maxRSS`.
 *   Goal: ≤ 2 × the file.
 * - Time: median over alternating rounds in one child, after a warm-up of each. The emulator
 *   validates uploads instantly (`jobDurations.upload: 0`), so the flow's own overhead shows.
 *   Goal: ≤ 1.1 × the raw PUT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Scenario } from '../src/client.js';
import { type BenchRow, median, mib, publish, repoRoot } from './_harness.js';

const TARGET_BYTES = 20_000_000;
const ROUNDS = 15;
const RSS_GOAL = 2;
const TIME_GOAL = 1.1;
const AUTH = `Basic ${btoa('key:secret')}`;

type Role = 'rss-sdk' | 'rss-sdk-path' | 'rss-raw' | 'time';

/** A noise PNG of about 20 MB (noise does not compress), made once and cached. */
async function bigPng(): Promise<string> {
  const dir = join(repoRoot(), '.tmp', 'bench-assets');
  const file = join(dir, 'noise-20mb.png');
  if (existsSync(file)) return file;
  const { default: sharp } = await import('sharp');
  // RGB noise at PNG's fastest setting: about 3 bytes per pixel.
  const side = Math.ceil(Math.sqrt(TARGET_BYTES / 3));
  const png = await sharp({
    create: {
      width: side,
      height: side,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 80 },
    },
  })
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, png);
  return file;
}

export async function run(): Promise<BenchRow[]> {
  const file = await bigPng();
  const size = readFileSync(file).byteLength;
  const { startEmulator } = await import('../src/testing/index.js');
  const emulator = await startEmulator({ jobDurations: { upload: 0 } });
  try {
    const sdkRss = await child('rss-sdk', emulator.url, file);
    const pathRss = await child('rss-sdk-path', emulator.url, file);
    const rawRss = await child('rss-raw', emulator.url, file);
    emulator.reset();
    const times = await child('time', emulator.url, file);
    const rssRatio = sdkRss.growth / size;
    const pathRatio = pathRss.growth / size;
    const timeRatio = times.ratio;
    const bench = 'uploads';
    return [
      {
        bench,
        measure: `${mib(size)} PNG from bytes: peak RSS growth`,
        value: `${mib(sdkRss.growth)} (${rssRatio.toFixed(2)}× file)`,
        goal: `≤ ${RSS_GOAL}×`,
        ok: rssRatio <= RSS_GOAL,
        note: `baseline taken with the bytes already in memory; a raw fetch PUT of the same bytes grows RSS by ${mib(rawRss.growth)} (${(rawRss.growth / size).toFixed(2)}× file): Node's fetch (undici) copies a Uint8Array body about 3 times while sending it`,
      },
      {
        bench,
        measure: `${mib(size)} PNG from a file path: peak RSS growth`,
        value: `${mib(pathRss.growth)} (${pathRatio.toFixed(2)}× file)`,
        goal: `≤ ${RSS_GOAL}×`,
        ok: pathRatio <= RSS_GOAL,
        note: '`assets.upload(path)`: the file is opened as a Blob and sliced per part, never read whole',
      },
      {
        bench,
        measure: 'time, assets.upload vs raw PUT (median of round ratios)',
        value: `${timeRatio.toFixed(2)}× (${times.sdk.toFixed(0)} ms / ${times.raw.toFixed(0)} ms)`,
        goal: `≤ ${TIME_GOAL}×`,
        ok: timeRatio <= TIME_GOAL,
        note: `median over ${ROUNDS} alternating rounds after a warm-up (times in brackets: medians of each). Of the SDK's time (medians): create + 4 part PUTs ${times.transfer.toFixed(0)} ms (${(times.transfer / times.raw).toFixed(2)}× the raw PUT), complete ${times.complete.toFixed(0)} ms (the emulator assembles and probes the 20 MB there), asset read ${times.read.toFixed(0)} ms`,
      },
    ];
  } finally {
    await emulator.close();
  }
}

/** Runs this file again as a client-only child process and returns what it printed. */
function child(role: 'rss-sdk' | 'rss-sdk-path' | 'rss-raw', url: string, file: string): Promise<{ growth: number }>;
function child(
  role: 'time',
  url: string,
  file: string,
): Promise<{ sdk: number; raw: number; ratio: number; transfer: number; complete: number; read: number }>;
function child(role: Role, url: string, file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const process_ = spawn(process.execPath, ['--expose-gc', script, role, url, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_RESULTS_FILE: '' },
    });
    let out = '';
    process_.stdout.on('data', (chunk) => {
      out += chunk;
    });
    process_.on('error', reject);
    process_.on('close', (code) => {
      if (code !== 0) return reject(new Error(`uploads ${role} child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) as string));
    });
  });
}

/** The client side, in its own process. */
async function clientMain(role: Role, url: string, file: string): Promise<Record<string, number>> {
  const bytes = role === 'rss-sdk-path' ? new Uint8Array(0) : new Uint8Array(readFileSync(file));
  // When each request of the SDK's flow ended (ms since the flow started), for the phase breakdown.
  let flowStart = 0;
  let ends: { what: string; at: number }[] = [];
  const client = new Scenario({
    baseUrl: url,
    apiKey: 'key',
    apiSecret: 'secret',
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const request = input instanceof Request ? input : undefined;
      const method = request?.method ?? init?.method ?? 'GET';
      const path = new URL(request?.url ?? String(input)).pathname;
      ends.push({ what: `${method} ${path.replace(/\/[^/]*_[^/]*/g, '/:id')}`, at: performance.now() - flowStart });
      return response;
    },
  });
  const phases: { transfer: number; complete: number; read: number }[] = [];
  const sdkUpload = async () => {
    flowStart = performance.now();
    ends = [];
    const asset = await client.assets.upload(role === 'rss-sdk-path' ? file : bytes, { name: 'noise.png' });
    if (!asset.id) throw new Error('no asset');
    const end = (what: string) => ends.filter((entry) => entry.what.startsWith(what)).at(-1)?.at ?? Number.NaN;
    const transfer = end('PUT');
    const complete = end('POST /v1/uploads/:id/action');
    phases.push({ transfer, complete: complete - transfer, read: performance.now() - flowStart - complete });
  };
  const rawPut = async () => {
    // Setup, not timed: an upload with one part, for its signed URL.
    const created = await fetch(`${url}/uploads`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({
        fileName: 'noise.png',
        contentType: 'image/png',
        fileSize: bytes.byteLength,
        parts: 1,
        kind: 'image',
      }),
    });
    const { upload } = (await created.json()) as { upload: { parts: { url: string }[] } };
    const partUrl = upload.parts[0]?.url as string;
    return async () => {
      const response = await fetch(partUrl, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } });
      if (!response.ok) throw new Error(`PUT answered ${response.status}`);
      await response.arrayBuffer();
    };
  };

  if (role === 'time') {
    const timed = async (body: () => Promise<void>) => {
      const start = performance.now();
      await body();
      return performance.now() - start;
    };
    await sdkUpload();
    await (await rawPut())();
    const sdk: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const put = await rawPut();
      if (round % 2 === 0) {
        sdk.push(await timed(sdkUpload));
        raw.push(await timed(put));
      } else {
        raw.push(await timed(put));
        sdk.push(await timed(sdkUpload));
      }
    }
    const phase = (key: 'transfer' | 'complete' | 'read') => median(phases.slice(1).map((entry) => entry[key]));
    return {
      sdk: median(sdk),
      raw: median(raw),
      ratio: median(sdk.map((ms, i) => ms / (raw[i] as number))),
      transfer: phase('transfer'),
      complete: phase('complete'),
      read: phase('read'),
    };
  }

  // Peak RSS: baseline with the file in memory and everything loaded, then one transfer.
  const put = role === 'rss-raw' ? await rawPut() : undefined;
  // One small API call first, so loading fetch and the SDK's code paths is not counted as upload memory.
  await client.assets.list({ pageSize: 1 });
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const baseline = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  await (put ? put() : sdkUpload());
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  // maxRSS is the peak of the process's whole life: it only tells something if it rose during the transfer.
  if (maxRssAfter > maxRssBefore) peak = Math.max(peak, maxRssAfter);
  return { growth: peak - baseline };
}

const [role, url, file] = process.argv.slice(2);
if (role && url && file) console.log(JSON.stringify(await clientMain(role as Role, url, file)));
else if (import.meta.main) publish(await run());
