import * as z from 'zod/mini';
import { abortError } from '../core/abort.js';
import { decodeBase64, encodeBase64 } from '../core/base64.js';
import { APITimeoutError, InvalidRequestError } from '../core/errors.js';
import { lazyImport } from '../core/lazy-import.js';
import { describeBytes, SNIFF_BYTES, sniffImageMimeType } from '../core/mime-sniff.js';
import { IMAGE_FORMAT_NAMES, type ImageMimeType, imageExtension } from '../core/mime-types.js';
import type { CallOptions } from '../core/options.js';
import { type ByteStream, isAsyncIterable, isReadableStream, readAllBytes } from '../core/read-bytes.js';
import { shownUrl, shownUrlText } from '../core/redact.js';
import type { Transport } from '../core/transport.js';

/**
 * Any image the SDK can take as input (`image`, `controlImage`, `styleImages`, `assets.upload`):
 *
 * - an asset id (`asset_…`), passed through as is;
 * - a data URL (`data:image/png;base64,…`);
 * - an `http(s)` URL, as a string or `URL` (downloaded without the API's auth, up to 50 MiB);
 *   one with a user name or password is refused;
 * - a file path (Node, Bun, Deno), as a string or `file:` `URL`;
 * - a `Blob` or `File`;
 * - bytes: `Uint8Array`, `Buffer` or `ArrayBuffer`;
 * - a web `ReadableStream` or a Node `Readable` (anything async-iterable yielding bytes), up to
 *   50 MiB; one that yields nothing for the call's `timeout` is given up.
 *
 * Strings that are not an asset id, a data URL or an http(s) URL are read as file paths. The
 * client option `imageSources` can refuse file paths and URLs (for a server passing on its
 * users' strings).
 * The format is sniffed from the bytes; png, jpeg, webp, gif, avif, tiff, heic and svg pass.
 */
export type ImageInput =
  | string
  | URL
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/**
 * Raw bytes of image data one request may carry inline: ≈5.9 MB once base64-encoded, under the
 * API gateway's ~6 MB body limit. It bounds the sum over a request's data-URL images (see
 * `resolveImages`), and the image of one `POST /assets`; larger images go through `/uploads`.
 */
export const MAX_INLINE_IMAGE_BYTES = 4_400_000;

/** Largest image downloaded from an `http(s)` URL input, or read from a stream input: 50 MiB. */
export const MAX_FETCHED_IMAGE_BYTES = 50 * 1024 * 1024;

/** Local files: Node, Bun and Deno only, so loaded when an input names one. */
const nodeFiles = () => lazyImport('reading local files', () => import('../core/node-files.js'));

const ACCEPTED = 'an asset id (asset_…), a data URL, an http(s) URL, a file path, a Blob, bytes or a stream';

/**
 * Zod schema for an {@link ImageInput} inside params schemas. It checks the shape only; the bytes
 * are read and checked before any API call.
 */
export const ImageInputSchema = z.custom<ImageInput>(isImageInputShape, {
  error: (issue) => `expected an image: ${ACCEPTED}; received ${describeValue(issue.input)}`,
});

/** An image read and checked: its bytes (or a `Blob` of them), size, sniffed type and file name. */
export interface LoadedImage {
  kind: 'image';
  /** The bytes; a `Blob` (a browser `File`, a file opened in Node) is not read until needed. */
  data: Uint8Array | Blob;
  size: number;
  mimeType: ImageMimeType;
  /** The file name when the input had one (a path, a `File`, the last segment of a URL). */
  fileName: string | undefined;
}

/** What {@link loadImage} found: an existing asset, or an image to send. */
export type ImageSource = { kind: 'asset'; assetId: string } | LoadedImage;

/** What {@link loadImage} needs: the client's transport and the call's options. */
export interface ResolveImageContext {
  transport: Transport;
  options?: CallOptions | undefined;
  /** The field being resolved, named in errors (`image`, `styleImages[1]`). Default `image`. */
  field?: string | undefined;
}

/** The image as a `data:<mime>;base64,…` URL. */
export async function toDataUrl(image: LoadedImage): Promise<string> {
  const bytes = image.data instanceof Uint8Array ? image.data : new Uint8Array(await image.data.arrayBuffer());
  return `data:${image.mimeType};base64,${encodeBase64(bytes)}`;
}

/** The image's own file name, else `image.<ext>` from its sniffed type. */
export function imageFileName(image: LoadedImage): string {
  return image.fileName ?? `image.${imageExtension(image.mimeType)}`;
}

/**
 * Reads any {@link ImageInput} and checks that it is an image, without calling the API:
 * an asset id comes back as is; everything else as bytes with a sniffed MIME type.
 *
 * @throws InvalidRequestError naming what was received when it is not a supported image.
 */
export async function loadImage(input: ImageInput, ctx: ResolveImageContext): Promise<ImageSource> {
  const field = ctx.field ?? 'image';
  const signal = ctx.options?.signal;
  if (signal?.aborted) throw abortError(signal);
  const value: unknown = input;
  if (typeof value === 'string') return fromString(value, ctx, field);
  if (value instanceof URL) return fromUrlObject(value, ctx, field);
  if (isBlob(value)) return fromBlob(value, field, (value as { name?: unknown }).name);
  if (value instanceof ArrayBuffer) return fromBytes(new Uint8Array(value), field);
  if (ArrayBuffer.isView(value)) {
    return fromBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), field);
  }
  if (isReadableStream(value) || isAsyncIterable(value)) return fromStream(value, ctx, field);
  throw invalid(field, `expected an image: ${ACCEPTED}; received ${describeValue(value)}`);
}

function fromString(text: string, ctx: ResolveImageContext, field: string): Promise<ImageSource> | ImageSource {
  if (text.trim() === '') throw invalid(field, `expected an image: ${ACCEPTED}; received an empty string`);
  if (text.startsWith('asset_')) {
    if (!/^asset_\S+$/.test(text)) throw invalid(field, `${JSON.stringify(text)} is not a valid asset id`);
    return { kind: 'asset', assetId: text };
  }
  if (/^data:/i.test(text)) return fromDataUrl(text, field);
  if (/^https?:\/\//i.test(text)) {
    const url = URL.parse(text);
    if (!url) throw invalid(field, `${JSON.stringify(shownUrlText(text))} is not a valid URL`);
    return fromHttp(url, ctx, field);
  }
  if (/^file:/i.test(text) && URL.canParse(text)) return fromFile(new URL(text), ctx, field);
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1];
  if (scheme) {
    throw invalid(field, `${scheme}: URLs are not supported; pass an http(s) URL, or fetch it and pass the Blob`);
  }
  if (text.length > 256 && /^[A-Za-z0-9+/=\s]+$/.test(text)) {
    throw invalid(field, 'received what looks like raw base64; pass it as a data URL (data:image/png;base64,…)');
  }
  return fromFile(text, ctx, field);
}

function fromUrlObject(url: URL, ctx: ResolveImageContext, field: string): Promise<ImageSource> {
  if (url.protocol === 'http:' || url.protocol === 'https:') return fromHttp(url, ctx, field);
  if (url.protocol === 'file:') return fromFile(url, ctx, field);
  throw invalid(field, `${url.protocol} URLs are not supported; pass an http(s) URL, a file: URL or the bytes`);
}

function fromDataUrl(text: string, field: string): LoadedImage {
  const match = /^data:([^,]*),/i.exec(text);
  if (!match) throw invalid(field, 'malformed data URL: expected data:<type>;base64,<data>');
  const payload = text.slice(match[0].length);
  let bytes: Uint8Array | undefined;
  if (/;base64$/i.test(match[1] ?? '')) {
    bytes = decodeBase64(payload);
  } else {
    try {
      bytes = new TextEncoder().encode(decodeURIComponent(payload));
    } catch {
      bytes = undefined;
    }
  }
  if (!bytes) throw invalid(field, 'malformed data URL: its data is not valid base64 or percent-encoding');
  return fromBytes(bytes, field);
}

async function fromHttp(url: URL, ctx: ResolveImageContext, field: string): Promise<LoadedImage> {
  const shown = shownUrl(url);
  if (!ctx.transport.imageSources.urls) {
    throw invalid(
      field,
      `${shown} is an http(s) URL, which this client does not fetch (imageSources.urls is false); ` +
        'pass the image as bytes, a Blob, a data URL or an asset id',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      field,
      `${shown} carries a user name or password; image URLs are fetched without credentials, ` +
        'so remove them, or fetch the image yourself and pass its bytes',
    );
  }
  const tooLarge = (size: number) =>
    invalid(
      field,
      `${shown} is ${formatMiB(size)} or more; images fetched from a URL are limited to ${formatMiB(MAX_FETCHED_IMAGE_BYTES)}`,
    );
  const bytes = await ctx.transport.fetchRaw(url.href, { options: ctx.options }, async (response) => {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > MAX_FETCHED_IMAGE_BYTES) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(declared);
    }
    return response.body
      ? readAllBytes(response.body, { maxBytes: MAX_FETCHED_IMAGE_BYTES, tooLarge })
      : new Uint8Array(0);
  });
  return fromBytes(bytes, field, urlFileName(url), shown);
}

async function fromStream(stream: ByteStream, ctx: ResolveImageContext, field: string): Promise<LoadedImage> {
  const idleTimeoutMs = ctx.options?.timeout ?? ctx.transport.timeout;
  const limit = formatMiB(MAX_FETCHED_IMAGE_BYTES);
  const bytes = await readAllBytes(stream, {
    signal: ctx.options?.signal,
    idleTimeoutMs,
    stalled: () =>
      new APITimeoutError(
        `${field}: the stream yielded no data for ${idleTimeoutMs} ms (the timeout option); nothing was sent. ` +
          'Check what feeds the stream, or pass the bytes or a Blob',
      ),
    maxBytes: MAX_FETCHED_IMAGE_BYTES,
    tooLarge: () =>
      invalid(
        field,
        `the stream is over ${limit}; images read from a stream are limited to ${limit} (pass a file path or a Blob)`,
      ),
    badChunk: (chunk) => invalid(field, `the stream yielded ${describeValue(chunk)} instead of bytes`),
  });
  return fromBytes(bytes, field);
}

async function fromFile(path: string | URL, ctx: ResolveImageContext, field: string): Promise<LoadedImage> {
  const shown = typeof path === 'string' ? path : path.href;
  if (!ctx.transport.imageSources.filePaths) {
    throw invalid(
      field,
      `${JSON.stringify(shorten(shown))} would be read as a local file path, which this client refuses ` +
        '(imageSources.filePaths is false); pass the image as bytes, a Blob, a data URL or an asset id',
    );
  }
  const { FileAccessError, fileNameOf, openFile } = await nodeFiles();
  let blob: Blob;
  try {
    blob = await openFile(path);
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    if (error.code === 'NO_FS') {
      throw invalid(
        field,
        `${JSON.stringify(shorten(shown))} was read as a file path, but ${error.message}; ` +
          'in a browser pass a File, Blob, URL or bytes',
      );
    }
    const hint =
      error.code === 'ENOENT'
        ? ' (strings other than asset ids, data URLs and http(s) URLs are read as file paths)'
        : '';
    throw invalid(field, `cannot read file ${JSON.stringify(shorten(shown))}: ${error.message}${hint}`);
  }
  const name = fileNameOf(typeof path === 'string' ? path : decodeURIComponent(path.pathname));
  return fromBlob(blob, field, name, name);
}

async function fromBlob(blob: Blob, field: string, name: unknown, shown?: string): Promise<LoadedImage> {
  const fileName = typeof name === 'string' && name !== '' ? name : undefined;
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const mimeType = sniffImageMimeType(head);
  if (!mimeType) throw notAnImage(field, head, blob.size, shown ?? fileName);
  return { kind: 'image', data: blob, size: blob.size, mimeType, fileName };
}

function fromBytes(bytes: Uint8Array, field: string, fileName?: string, shown?: string): LoadedImage {
  const mimeType = sniffImageMimeType(bytes.subarray(0, SNIFF_BYTES));
  if (!mimeType) throw notAnImage(field, bytes, bytes.length, shown);
  return { kind: 'image', data: bytes, size: bytes.length, mimeType, fileName };
}

function notAnImage(field: string, head: Uint8Array, size: number, source: string | undefined): InvalidRequestError {
  const from = source ? `${source}: ` : '';
  return invalid(field, `expected an image (${IMAGE_FORMAT_NAMES}); received ${from}${describeBytes(head, size)}`);
}

function invalid(field: string, message: string): InvalidRequestError {
  return new InvalidRequestError('image input', [{ path: field, message }]);
}

/** Shape check behind {@link ImageInputSchema}. */
function isImageInputShape(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  return (
    value instanceof URL ||
    isBlob(value) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    isReadableStream(value) ||
    isAsyncIterable(value)
  );
}

/** `Blob`/`File` of any realm or runtime, by shape. */
function isBlob(value: unknown): value is Blob {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  const candidate = value as Partial<Blob> | null;
  return (
    typeof candidate?.arrayBuffer === 'function' &&
    typeof candidate.slice === 'function' &&
    typeof candidate.size === 'number'
  );
}

/** How a wrong value is named in error messages: `a number (42)`, `an Asset object (pass asset.id)`. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `the string ${JSON.stringify(shorten(value))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `a ${typeof value} (${String(value)})`;
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const record = value as Record<string, unknown>;
  if (typeof record.id === 'string' && record.id.startsWith('asset_') && typeof record.url === 'string') {
    return `an Asset object (pass its id: ${JSON.stringify(record.id)})`;
  }
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'a plain object';
}

function urlFileName(url: URL): string | undefined {
  try {
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    return /^[^/\\]+\.[A-Za-z0-9]+$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}
