import type { Clock } from '../core/clock.js';
import { realClock } from '../core/clock.js';
import { serverRuntime } from '../core/env.js';
import { withErrorContext } from '../core/error-context.js';
import { ResponseValidationError, UploadFailedError, UploadTimeoutError } from '../core/errors.js';
import { type CallOptions, type Progress, withSignal } from '../core/options.js';
import { path } from '../core/path.js';
import { redactValue } from '../core/redact.js';
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
  /** Reports the bytes sent, across all parts: from 0 to 1, never backwards (a retried part is not counted twice). */
  onUploadProgress?: ((progress: Progress) => void) | undefined;
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
 * Every error raised once the upload exists carries its `uploadId`.
 *
 * @throws UploadFailedError when the server rejects the file (`status: failed`).
 * @throws UploadTimeoutError when the import takes longer than `params.timeout`.
 * @throws APIUserAbortError as soon as `options.signal` aborts.
 */
export async function uploadMultipart(
  transport: Transport,
  file: UploadFile,
  params: MultipartUploadParams = {},
  options?: CallOptions,
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
  try {
    const urls = partUrls(upload, count);
    await sendParts(transport, file, urls, partSize, { options, onUploadProgress: params.onUploadProgress });
    const completed = await transport.request({
      method: 'POST',
      path: path`/uploads/${upload.id}/action`,
      body: { action: 'complete' },
      schema: UploadEnvelopeSchema,
      options,
    });
    return await waitForUpload(transport, completed.upload, params, options);
  } catch (error) {
    throw withErrorContext(error, { uploadId: upload.id }, `(upload ${upload.id})`);
  }
}

/** The signed part URLs in part order: the server must number them 1 to `count`, each once. */
function partUrls(upload: Upload, count: number): string[] {
  const parts = upload.parts ?? [];
  const urls: string[] = [];
  for (const { number, url } of parts) {
    if (Number.isInteger(number) && number >= 1 && number <= count && urls[number - 1] === undefined) {
      urls[number - 1] = url;
    }
  }
  if (parts.length === count && urls.filter(Boolean).length === count) return urls;
  const message =
    parts.length === count
      ? `expected parts numbered 1 to ${count}, each once; received ${parts.map((part) => part.number).join(', ')}`
      : `expected ${count} signed part URLs, received ${parts.length}`;
  throw new ResponseValidationError('POST /uploads', [{ path: 'upload.parts', message }], { upload });
}

/** PUTs every part, a few at a time; the first failure stops the others. */
async function sendParts(
  transport: Transport,
  file: UploadFile,
  urls: string[],
  partSize: number,
  {
    options,
    onUploadProgress,
  }: { options: CallOptions | undefined; onUploadProgress: MultipartUploadParams['onUploadProgress'] },
): Promise<void> {
  const stop = new AbortController();
  const signal = options?.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const partOptions = withSignal(options, signal);
  const progress = onUploadProgress && fileProgress(byteSize(file.data), urls.length, onUploadProgress);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const start = index * partSize;
      const end = start + partSize;
      const request = partRequest(file, start, end, partOptions);
      // ky streams a body to count it; only a body sent as a stream already keeps its content-length that way.
      if (progress && typeof request.body === 'function') request.onUploadProgress = progress.partSent(index);
      await transport.fetchRaw(urls[index] as string, request, async (response) => response.body?.cancel());
      progress?.partDone(index, Math.min(end, byteSize(file.data)) - start);
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
 * chunked, which signed S3 PUTs refuse. A file's own `Blob.stream()` handed to fetch directly
 * measured 2.5× (bench/uploads.ts), through an identity `TransformStream` about 1.6×: fetch adds
 * one itself when given a `Request` with a stream body, as ky gives it. Browsers drop that
 * header and most cannot stream a request body, so elsewhere the part is sent as is.
 */
const streamPartBodies = serverRuntime()?.name === 'node';

/** The PUT of one part: a Blob slice or a view of the bytes (never a copy). */
function partRequest(file: UploadFile, start: number, end: number, options: CallOptions): RawRequest {
  const headers = { 'content-type': file.contentType };
  const part = file.data instanceof Uint8Array ? file.data.subarray(start, end) : file.data.slice(start, end);
  if (!streamPartBodies) return { method: 'PUT', body: part as BodyInit, headers, options };
  return {
    method: 'PUT',
    headers: { ...headers, 'content-length': String(byteSize(part)) },
    options,
    body: () => (part instanceof Uint8Array ? streamOf(part) : part.stream()),
  };
}

/**
 * One progress for a file sent in parts, several at a time: the sum of the bytes each part has
 * sent, reported from 0 to 1 and never backwards (a retried part counts its best attempt).
 */
function fileProgress(totalBytes: number, parts: number, report: (progress: Progress) => void) {
  const sent = new Array<number>(parts).fill(0);
  let transferredBytes = 0;
  const update = (index: number, bytes: number) => {
    const gain = bytes - (sent[index] as number);
    if (gain <= 0) return;
    sent[index] = bytes;
    transferredBytes += gain;
    report({ percent: totalBytes === 0 ? 1 : transferredBytes / totalBytes, transferredBytes, totalBytes });
  };
  report({ percent: 0, transferredBytes: 0, totalBytes });
  return {
    partSent: (index: number) => (progress: Progress) => update(index, progress.transferredBytes),
    /** Where the runtime cannot report a streamed body, a part counts once it is sent. */
    partDone: (index: number, bytes: number) => update(index, bytes),
  };
}

function byteSize(data: Uint8Array | Blob): number {
  return data instanceof Uint8Array ? data.byteLength : data.size;
}

/** Chunks of a part's stream: views, not copies, small enough for a smooth upload progress. */
const STREAM_CHUNK_BYTES = 64 * 1024;

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(bytes.subarray(offset, offset + STREAM_CHUNK_BYTES));
      offset += STREAM_CHUNK_BYTES;
      if (offset >= bytes.byteLength) controller.close();
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
  options: CallOptions | undefined,
): Promise<ImportedUpload> {
  const clock = params.clock ?? realClock;
  const timeout = params.timeout ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const deadline = clock.now() + timeout;
  let current = upload;
  let interval = FIRST_POLL_MS;
  for (;;) {
    if (current.status === 'imported') return imported(current);
    // Errors show the upload as read, redacted of every secret (the answer was only of long ones).
    if (current.status === 'failed') throw new UploadFailedError(redactValue(current, transport.redact));
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new UploadTimeoutError(current.id, timeout, redactValue(current, transport.redact));
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
