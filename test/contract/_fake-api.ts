/**
 * Contract-suite fake of the Scenario REST API, written from /work/shared/scenario-api.md only.
 *
 * Wire facts it reproduces: `{asset}` / `{job}` / `{model}` envelopes, list envelopes with
 * `nextPaginationToken`, `{reason, trace_id}` error bodies, dry runs answered with HTTP 269,
 * `POST /assets/get-bulk`, `DELETE /assets` with a JSON body, `POST /jobs/{id}/action`, and
 * signed CDN URLs on another host.
 *
 * Every request that reaches the fake (matched or not) is recorded in `api.requests`.
 */
import { crc32, deflateSync } from 'node:zlib';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ClientOptions, Scenario } from '../../src/index.js';

export const API = 'https://api.cloud.scenario.com/v1';
export const CDN = 'https://cdn.cloud.scenario.com';
/** Other base URLs the fake also answers on (env / loopback tests). */
export const EXTRA_BASES = ['https://staging.scenario.test/v1', 'http://127.0.0.1:4010/v1', 'http://localhost:4010/v1'];

export const KEY = 'api_testkey';
export const SECRET = 'testsecret';
export const BASIC = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;

/** A client with the fake's credentials (`KEY`, `SECRET`), and `options` on top. */
export function contractClient(options: ClientOptions = {}): Scenario {
  return new Scenario({ apiKey: KEY, apiSecret: SECRET, ...options });
}

// ---------------------------------------------------------------------------------------------
// Tiny real images

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** A valid 2×2 RGBA PNG built by hand: signature + IHDR + IDAT + IEND. */
export function makePng(): Uint8Array {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  // two scanlines, each: filter byte 0 + 2 pixels × 4 bytes
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
  const png = Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

export const PNG = makePng();
export const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

/** Decodes the `image` field of a JSON body: a data URL or raw base64. */
export function decodeImageField(value: unknown): { mime: string | undefined; bytes: Uint8Array } {
  if (typeof value !== 'string') throw new Error(`image field is not a string: ${String(value)}`);
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(value);
  if (m) return { mime: m[1], bytes: new Uint8Array(Buffer.from(m[2] ?? '', 'base64')) };
  return { mime: undefined, bytes: new Uint8Array(Buffer.from(value, 'base64')) };
}

// ---------------------------------------------------------------------------------------------
// Wire fixtures (shapes from scenario-api.md §4.6, §7.1)

const NOW = '2026-01-01T00:00:00.000Z';

export function assetWire(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    url: `${CDN}/assets-transform/${id}?p=100&Expires=1999999999&Signature=sig~${id}&Key-Pair-Id=K1`,
    mimeType: 'image/png',
    kind: 'image',
    metadata: { kind: 'image', type: 'uploaded', name: `${id}.png` },
    properties: { size: PNG.byteLength, width: 2, height: 2 },
    source: 'uploaded',
    status: 'success',
    privacy: 'private',
    ownerId: 'proj_owner',
    authorId: 'user_author',
    createdAt: NOW,
    updatedAt: NOW,
    tags: [],
    collectionIds: [],
    editCapabilities: ['DETECTION', 'REMOVE_BACKGROUND', 'UPSCALE'],
    ...extra,
  };
}

export function jobWire(
  jobId: string,
  status: string,
  progress: number,
  metadata: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    jobId,
    jobType: 'inference',
    status,
    progress,
    statusHistory: [{ status, date: NOW }],
    metadata: { input: { type: 'img2img' }, ...metadata },
    createdAt: NOW,
    updatedAt: NOW,
    ownerId: 'proj_owner',
    authorId: 'user_author',
    billing: { cuCost: 4, cuDiscount: 0 },
    ...extra,
  };
}

export function modelWire(id: string): Record<string, unknown> {
  return {
    id,
    name: `Model ${id}`,
    type: 'flux.1-lora',
    status: 'trained',
    privacy: 'private',
    source: 'training',
    ownerId: 'proj_owner',
    authorId: 'user_author',
    createdAt: NOW,
    updatedAt: NOW,
    tags: [],
    capabilities: ['img2img', 'txt2img'],
    inputs: [{ name: 'prompt', type: 'string', required: { always: true } }],
  };
}

export function errorBody(reason: string, extra: Record<string, unknown> = {}) {
  return { reason, trace_id: 'trace-0001', ...extra };
}

// ---------------------------------------------------------------------------------------------
// Stateful fake

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON body, the raw text if not JSON, or undefined when empty. */
  body: unknown;
}

export interface FakeApi {
  requests: RecordedRequest[];
  assets: Map<string, Record<string, unknown>>;
  /** Per job id: the successive job objects returned by `GET /jobs/{id}` (the last repeats). */
  jobScripts: Map<string, Record<string, unknown>[]>;
  /** Script given to the next job created by `POST /generate/*` (`{id}` is replaced by its id). */
  nextJobScript: ((jobId: string) => Record<string, unknown>[]) | undefined;
  /** `POST /jobs/{id}/action` behaviour. */
  cancelBehaviour: 'refuse' | 'accept';
  /** Shorthand: requests whose pathname (without base) matches. */
  calls(method: string, path: string | RegExp): RecordedRequest[];
  addAsset(id: string, extra?: Record<string, unknown>): Record<string, unknown>;
  reset(): void;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(6, '0')}`;

export function defaultJobScript(jobId: string, assetIds: string[]): Record<string, unknown>[] {
  return [jobWire(jobId, 'in-progress', 0.5), jobWire(jobId, 'success', 1, { assetIds })];
}

type ResolverInfo = { request: Request; params: Record<string, string | readonly string[] | undefined> };
type Resolver = (info: ResolverInfo) => Response | Promise<Response>;

/** Wraps resolvers so that every request they answer is first passed to `record`. */
function recording(record: (request: Request) => Promise<void>) {
  return (resolver: Resolver) => async (info: ResolverInfo) => {
    await record(info.request);
    return resolver(info);
  };
}

export function createFakeApi(): FakeApi & { handlers: HttpHandler[]; record: (r: Request) => Promise<void> } {
  const api = {
    requests: [] as RecordedRequest[],
    assets: new Map<string, Record<string, unknown>>(),
    jobScripts: new Map<string, Record<string, unknown>[]>(),
    nextJobScript: undefined as FakeApi['nextJobScript'],
    cancelBehaviour: 'refuse' as FakeApi['cancelBehaviour'],
    calls(method: string, path: string | RegExp) {
      return api.requests.filter((r) => {
        if (r.method !== method.toUpperCase()) return false;
        const p = stripBase(r.url);
        return typeof path === 'string' ? p === path : path.test(p);
      });
    },
    addAsset(id: string, extra: Record<string, unknown> = {}) {
      const a = assetWire(id, extra);
      api.assets.set(id, a);
      return a;
    },
    reset() {
      api.requests.length = 0;
      api.assets.clear();
      api.jobScripts.clear();
      api.nextJobScript = undefined;
      api.cancelBehaviour = 'refuse';
    },
    async record(request: Request) {
      const text = request.body ? await request.clone().text() : '';
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      api.requests.push({
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body,
      });
    },
    handlers: [] as HttpHandler[],
  };

  const rec = recording(api.record);
  const str = (v: string | readonly string[] | undefined) => (Array.isArray(v) ? v.join('/') : String(v));

  const pageOf = <T>(items: T[], url: URL, defaultSize: number) => {
    const size = Number(url.searchParams.get('pageSize') ?? defaultSize);
    const start = Number(url.searchParams.get('paginationToken') ?? 0);
    const slice = items.slice(start, start + size);
    const next = start + size < items.length ? String(start + size) : undefined;
    return { slice, next };
  };

  const generate = async (request: Request) => {
    const url = new URL(request.url);
    if (url.searchParams.get('dryRun') === 'true') {
      return HttpResponse.json(
        { creativeUnitsCost: 6, creativeUnitsDiscount: 1, costDetails: { base: 7, discount: 1 }, job: {} },
        { status: 269 },
      );
    }
    const jobId = nextId('job');
    const out = [nextId('asset'), nextId('asset')];
    for (const id of out) api.addAsset(id, { source: 'inference-img', metadata: { kind: 'image', type: 'img2img' } });
    api.jobScripts.set(jobId, api.nextJobScript ? api.nextJobScript(jobId) : defaultJobScript(jobId, out));
    return HttpResponse.json({ job: jobWire(jobId, 'queued', 0), creativeUnitsCost: 6, creativeUnitsDiscount: 0 });
  };

  for (const base of [API, ...EXTRA_BASES]) {
    api.handlers.push(
      http.post(
        `${base}/assets/get-bulk`,
        rec(async ({ request }) => {
          const body = (await request.clone().json()) as { assetIds: string[] };
          return HttpResponse.json({
            assets: body.assetIds.map((id) => api.assets.get(id)).filter(Boolean),
          });
        }),
      ),
      http.post(
        `${base}/assets`,
        rec(async ({ request }) => {
          const body = (await request.clone().json()) as Record<string, unknown>;
          const id = nextId('asset');
          const a = api.addAsset(id, {
            metadata: { kind: 'image', type: 'uploaded', name: body.name },
            ...(body.parentId ? { parentId: body.parentId } : {}),
          });
          return HttpResponse.json({ asset: a });
        }),
      ),
      http.get(
        `${base}/assets/:id`,
        rec(({ params }) => {
          const a = api.assets.get(str(params.id));
          return a ? HttpResponse.json({ asset: a }) : HttpResponse.json(errorBody('Asset not found'), { status: 404 });
        }),
      ),
      http.get(
        `${base}/assets`,
        rec(({ request }) => {
          const { slice, next } = pageOf([...api.assets.values()], new URL(request.url), 50);
          return HttpResponse.json({ assets: slice, ...(next ? { nextPaginationToken: next } : {}) });
        }),
      ),
      http.delete(
        `${base}/assets`,
        rec(async ({ request }) => {
          const body = (await request.clone().json()) as { assetIds: string[] };
          for (const id of body.assetIds) api.assets.delete(id);
          return HttpResponse.json({});
        }),
      ),
      http.post(
        `${base}/generate/custom/:modelId`,
        rec(({ request }) => generate(request)),
      ),
      http.post(
        `${base}/generate/:type`,
        rec(({ request }) => generate(request)),
      ),
      http.get(
        `${base}/jobs/:id`,
        rec(({ params }) => {
          const script = api.jobScripts.get(str(params.id));
          if (!script) return HttpResponse.json(errorBody('Job not found'), { status: 404 });
          const job = script.length > 1 ? script.shift() : script[0];
          return HttpResponse.json({ job });
        }),
      ),
      http.get(
        `${base}/jobs`,
        rec(({ request }) => {
          const all = [...api.jobScripts.entries()].map(([, s]) => s[0]);
          const { slice, next } = pageOf(all, new URL(request.url), 10);
          return HttpResponse.json({ jobs: slice, ...(next ? { nextPaginationToken: next } : {}) });
        }),
      ),
      http.post(
        `${base}/jobs/:id/action`,
        rec(({ params }) => {
          const id = str(params.id);
          if (api.cancelBehaviour === 'refuse') {
            return HttpResponse.json(errorBody('Cannot cancel this type of job. Action not permitted.'), {
              status: 400,
            });
          }
          const job = jobWire(id, 'canceled', 0.3);
          api.jobScripts.set(id, [job]);
          return HttpResponse.json({ job });
        }),
      ),
      http.get(
        `${base}/models/:id`,
        rec(({ params }) => HttpResponse.json({ model: modelWire(str(params.id)) })),
      ),
      http.get(
        `${base}/models`,
        rec(({ request }) => {
          const all = ['model_a', 'model_b', 'model_c'].map(modelWire);
          const { slice, next } = pageOf(all, new URL(request.url), 2);
          return HttpResponse.json({ models: slice, ...(next ? { nextPaginationToken: next } : {}) });
        }),
      ),
    );
  }

  // The CDN: signed asset URLs on another host.
  api.handlers.push(
    http.get(
      `${CDN}/assets-transform/:id`,
      rec(() => new HttpResponse(PNG.slice(), { status: 200, headers: { 'content-type': 'image/png' } })),
    ),
    // Anything else: recorded and refused, so "no request sent" assertions see it.
    http.all(
      '*',
      rec(() => HttpResponse.json(errorBody('No such route in the contract fake'), { status: 404 })),
    ),
  );

  return api;
}

export function stripBase(url: URL): string {
  const full = `${url.origin}${url.pathname}`;
  for (const base of [API, ...EXTRA_BASES]) if (full.startsWith(`${base}/`)) return full.slice(base.length);
  return url.pathname;
}

/** Installs an msw server answering with a fresh fake for the current test file. */
export function useFakeApi() {
  const api = createFakeApi();
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    api.reset();
  });
  afterAll(() => server.close());
  /** Prepends a handler; its requests are recorded only if its resolver is wrapped in `rec`. */
  const use = (handler: HttpHandler) => server.use(handler);
  /** Wraps a resolver so that its requests are recorded like the fake's own. */
  const rec = recording(api.record);
  return { api, server, use, rec };
}

/** Resolves to the rejection reason of `p` (fails if `p` resolves). */
// biome-ignore lint/suspicious/noExplicitAny: tests read documented error fields (status, reason, jobId…) off the result
export async function rejectionOf(p: Promise<unknown> | (() => Promise<unknown>)): Promise<any> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject, but it resolved');
}

/** Reads a header from either a `Headers` object or a plain record. */
export function headerOf(headers: unknown, name: string): string | null | undefined {
  if (headers == null) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const rec = headers as Record<string, string>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : rec[key];
}

/** The recorded JSON body of a request as a record (empty when absent). */
export function bodyOf(req: RecordedRequest | undefined): Record<string, unknown> {
  return (req?.body ?? {}) as Record<string, unknown>;
}
