import { HttpResponse, http } from 'msw';
import type { SetupServer } from 'msw/node';
import sharp from 'sharp';
import { InvalidRequestError } from '../../src/core/errors.js';
import { API } from '../helpers/msw.js';

/** A 1×1 PNG's signature and IHDR: enough for the SDK's sniffing. */
export const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);
export const PNG_DATA_URL = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;

/** A real image of `width`×`height` pixels in `format`, for the mask size checks. */
export async function sizedImage(
  width: number,
  height: number,
  format: 'png' | 'jpeg' | 'webp' = 'png',
  colour = 'white',
): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

/** Every optional field the typed generations share, each set, for "every field reaches the wire" tests. */
export const EVERY_SHARED_FIELD = {
  negativePrompt: 'blurry',
  negativePromptStrength: 1,
  numSamples: 3,
  guidance: 3.5,
  numInferenceSteps: 28,
  width: 1024,
  height: 768,
  seed: 42,
  scheduler: 'EulerDiscreteScheduler' as const,
  hideResults: true,
  intermediateImages: false,
  concepts: [{ modelId: 'model_lora', scale: 0.8, modelEpoch: '000001' }],
  modelEpoch: '000002',
  baseModelId: 'flux.1-dev',
};

/** Waits that settle at the first poll. */
export const FAST = { pollInterval: 1 };

/** A job as the API sends it. */
export function jobWire(jobId: string, status: string, progress: number, metadata: Record<string, unknown> = {}) {
  return {
    jobId,
    jobType: 'inference',
    status,
    progress,
    statusHistory: [],
    metadata,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

/** An asset as the API sends it. */
export function assetWire(id: string) {
  return { id, url: `https://cdn.example.com/${id}.png?sig=abc`, mimeType: 'image/png', kind: 'image' };
}

/** One request the fake received, body parsed. */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
}

/**
 * A small fake of the generation flow: `POST /generate/*` queues `job_1` (or quotes with 269 on
 * `?dryRun=true`), `GET /jobs/job_1` answers success with `outputs`, `POST /assets/get-bulk`
 * answers in reverse order (so callers must restore output order), `POST /assets` uploads,
 * `GET /assets/{id}` answers the asset with its stored size from `sizes`, if listed there.
 */
export function fakeGenerationApi(
  server: SetupServer,
  outputs = ['asset_out_1', 'asset_out_2'],
  sizes: Record<string, { width: number; height: number }> = {},
) {
  const seen: Seen[] = [];
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.clone().text();
    seen.push({
      method: request.method,
      path: url.pathname.replace('/v1', ''),
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  server.use(
    http.post(`${API}/generate/*`, async ({ request }) => {
      await record(request);
      if (new URL(request.url).searchParams.get('dryRun') === 'true') {
        return HttpResponse.json(
          { creativeUnitsCost: 6, creativeUnitsDiscount: 1, costDetails: { base: 7 }, job: {} },
          { status: 269 },
        );
      }
      return HttpResponse.json({ job: jobWire('job_1', 'queued', 0), creativeUnitsCost: 6 });
    }),
    http.get(`${API}/jobs/job_1`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ job: jobWire('job_1', 'success', 1, { assetIds: outputs }) });
    }),
    http.post(`${API}/assets/get-bulk`, async ({ request }) => {
      await record(request);
      const { assetIds } = (await request.json()) as { assetIds: string[] };
      return HttpResponse.json({ assets: [...assetIds].reverse().map(assetWire) });
    }),
    http.get(`${API}/assets/:id`, async ({ request, params }) => {
      await record(request);
      const id = String(params.id);
      return HttpResponse.json({ asset: { ...assetWire(id), properties: { size: 100, ...sizes[id] } } });
    }),
    http.post(`${API}/assets`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ asset: assetWire('asset_uploaded') });
    }),
  );
  return {
    seen,
    /** The JSON bodies POSTed to `path`. */
    bodies: (path: string) => seen.filter((s) => s.method === 'POST' && s.path === path).map((s) => s.body ?? {}),
  };
}

/** Asserts that `promise` rejects with an `InvalidRequestError` whose message names `field`. */
export async function expectInvalid(promise: Promise<unknown>, field: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof InvalidRequestError)) throw new Error(`expected an InvalidRequestError, got ${String(error)}`);
  if (!error.issues.some((issue) => issue.path === field)) {
    throw new Error(`expected an issue at "${field}", got: ${error.message}`);
  }
  if (message && !message.test(error.message)) throw new Error(`expected ${message}, got: ${error.message}`);
}
