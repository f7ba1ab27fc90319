import type { Clock } from '../core/clock.js';
import { realClock } from '../core/clock.js';
import { serverRuntime } from '../core/env.js';
import { ResponseValidationError } from '../core/errors/ResponseValidationError.js';
import { UploadFailedError } from '../core/errors/UploadFailedError.js';
import { UploadTimeoutError } from '../core/errors/UploadTimeoutError.js';
import type { RequestOptions } from '../core/options.js';
import { path } from '../core/path.js';
import type { RawRequest, Transport } from '../core/transport.js';
import {
  MIN_UPLOAD_PART_BYTES,
  type Upload,
  type UploadAssetOptions,
  type UploadCreateBody,
  UploadEnvelopeSchema,
} from '../schemas/upload.js';

/** A file to send through `/uploads`. */
export interface UploadFile {
  /** The bytes. A `Blob` (a file opened in Node, a browser `File`) is sliced per part, never read whole. */
  data: Uint8Array | Blob;
  fileName: string;
  contentType: string;
}

/** Options of {@link uploadMultipart}. */
export interface MultipartUploadParams {
  /** Options of the asset the upload creates. */
  assetOptions?: UploadAssetOptions | undefined;
  /** How long to wait for the server to import the file once sent, in ms. Default 300 s. */
  timeout?: number | undefined;
  /** Time source for the import wait; tests pass a virtual one. */
  clock?: Clock | undefined;
}

/** An upload whose file became an entity: `entityId` is the new asset id. */
export type ImportedUpload = Upload & { entityId: string };

/** Default wait for an upload's import after `complete`: 300 s, as Scenario's own helpers use. */
const DEFAULT_UPLOAD_TIMEOUT_MS = 300_000;

/** Parts sent at once. */
const PART_UPLOAD_CONCURRENCY = 4;

/** S3's limit on the number of parts of one upload. */
const MAX_UPLOAD_PARTS = 10_000;

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 2_000;

/**
 * How a file of `size` bytes is cut: parts of {@link MIN_UPLOAD_PART_BYTES} (the S3 minimum,
 * which every part but the last must reach), larger only when a file would need more than
 * {@link MAX_UPLOAD_PARTS} parts.
 */
export function planUploadParts(size: number): { partSize: number; count: number } {
  const partSize = Math.max(MIN_UPLOAD_PART_BYTES, Math.ceil(size / MAX_UPLOAD_PARTS));
  return { partSize, count: Math.max(1, Math.ceil(size / partSize)) };
}

/**
 * Sends a file through the multipart `/uploads` flow and resolves once the
 * server has imported it: `POST /uploads`, a `PUT` of each part to its signed URL (no API auth,
 * retried as idempotent), `POST /uploads/{id}/action {action:'complete'}`, then polls
 * `GET /uploads/{id}` until `imported`.
 *
 * @throws UploadFailedError when the server rejects the file (`status: failed`).
 * @throws UploadTimeoutError when the import takes longer than `params.timeout`.
 * @throws APIUserAbortError as soon as `options.signal` aborts.
 */
export async function uploadMultipart(
  transport: Transport,
  file: UploadFile,
  params: MultipartUploadParams = {},
  options?: RequestOptions,
): Promise<ImportedUpload> {
  const size = byteSize(file.data);
  const { partSize, count } = planUploadParts(size);
  const body: UploadCreateBody = {
    fileName: file.fileName,
    contentType: file.contentType,
    fileSize: size,
    parts: count,
    kind: 'image',
    ...(params.assetOptions && { assetOptions: params.assetOptions }),
  };
  const { upload } = await transport.request({
    method: 'POST',
    path: '/uploads',
    body,
    schema: UploadEnvelopeSchema,
    options,
  });
  const urls = partUrls(upload, count);

  await sendParts(transport, file, urls, partSize, options);

  const completed = await transport.request({
    method: 'POST',
    path: path`/uploads/${upload.id}/action`,
    body: { action: 'complete' },
    schema: UploadEnvelopeSchema,
    options,
  });
  return waitForUpload(transport, completed.upload, params, options);
}

/** The signed part URLs in part order, checked against the count asked for. */
function partUrls(upload: Upload, count: number): string[] {
  const parts = [...(upload.parts ?? [])].sort((a, b) => a.number - b.number);
  if (parts.length !== count) {
    const issue = { path: 'upload.parts', message: `expected ${count} signed part URLs, received ${parts.length}` };
    throw new ResponseValidationError('POST /uploads', [issue], { upload });
  }
  return parts.map((part) => part.url);
}

/** PUTs every part, a few at a time; the first failure stops the others. */
async function sendParts(
  transport: Transport,
  file: UploadFile,
  urls: string[],
  partSize: number,
  options: RequestOptions | undefined,
): Promise<void> {
  const stop = new AbortController();
  const signal = options?.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const partOptions: RequestOptions = { ...options, signal };
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const start = index * partSize;
      const end = start + partSize;
      await transport.fetchRaw(urls[index] as string, partRequest(file, start, end, partOptions), async (response) =>
        response.body?.cancel(),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PART_UPLOAD_CONCURRENCY, urls.length) }, worker));
  } catch (error) {
    stop.abort();
    throw error;
  }
}

/**
 * Node's fetch copies a `Uint8Array` body about 3 times before sending it, and reads a `Blob`
 * body (even a file-backed slice) whole into memory; the copies stay until a GC: 2.5–3× the
 * file in RSS. A stream of the part is written to the socket as it is read (the caller's buffer
 * is not copied nor detached), and the explicit `content-length` keeps undici from sending it
 * chunked, which signed S3 PUTs refuse. A file's own `Blob.stream()` handed to fetch still
 * measured 2.5× (bench/uploads.ts); through an identity `TransformStream`, as fetch itself does
 * for a `Request` body, 1.55×. Browsers drop that header and most cannot stream a request body,
 * so elsewhere the part is sent as is.
 */
const streamPartBodies = serverRuntime()?.name === 'node';

/** The PUT of one part: a Blob slice or a view of the bytes (never a copy). */
function partRequest(file: UploadFile, start: number, end: number, options: RequestOptions): RawRequest {
  const headers = { 'content-type': file.contentType };
  const part = file.data instanceof Uint8Array ? file.data.subarray(start, end) : file.data.slice(start, end);
  if (!streamPartBodies) return { method: 'PUT', body: part as BodyInit, headers, options };
  return {
    method: 'PUT',
    headers: { ...headers, 'content-length': String(byteSize(part)) },
    options,
    body: () => (part instanceof Uint8Array ? streamOf(part) : part.stream().pipeThrough(new TransformStream())),
  };
}

function byteSize(data: Uint8Array | Blob): number {
  return data instanceof Uint8Array ? data.byteLength : data.size;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Polls an upload until it is `imported` (or `failed`), starting fast and backing off from
 * 0.5 s to 2 s: small images import in about a second, and a long import costs few calls.
 */
async function waitForUpload(
  transport: Transport,
  upload: Upload,
  params: Pick<MultipartUploadParams, 'timeout' | 'clock'>,
  options: RequestOptions | undefined,
): Promise<ImportedUpload> {
  const clock = params.clock ?? realClock;
  const timeout = params.timeout ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const deadline = clock.now() + timeout;
  let current = upload;
  let interval = FIRST_POLL_MS;
  for (;;) {
    if (current.status === 'imported') return imported(current);
    if (current.status === 'failed') throw new UploadFailedError(current);
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new UploadTimeoutError(current.id, timeout, current);
    await clock.sleep(Math.min(interval, remaining), options?.signal);
    interval = Math.min(MAX_POLL_MS, interval * 1.5);
    const polled = await transport.request({
      method: 'GET',
      path: path`/uploads/${current.id}`,
      schema: UploadEnvelopeSchema,
      options,
    });
    current = polled.upload;
  }
}

function imported(upload: Upload): ImportedUpload {
  if (!upload.entityId) {
    const issue = { path: 'upload.entityId', message: 'missing although the upload is imported' };
    throw new ResponseValidationError(`GET /uploads/${upload.id}`, [issue], { upload });
  }
  return upload as ImportedUpload;
}
