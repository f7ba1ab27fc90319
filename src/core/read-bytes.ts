import { abortError } from './abort.js';

/** A stream of bytes: a web `ReadableStream` or anything async-iterable, such as a Node `Readable`. */
export type ByteStream = ReadableStream<Uint8Array> | AsyncIterable<unknown>;

/** Limits for {@link readAllBytes}. */
export interface ReadBytesOptions {
  /** Stop and throw `tooLarge(bytesSoFar)` once more than this many bytes arrived. */
  maxBytes?: number | undefined;
  tooLarge?: ((bytesSoFar: number) => Error) | undefined;
  /** Thrown when a chunk is not bytes or text. */
  badChunk?: ((chunk: unknown) => Error) | undefined;
  signal?: AbortSignal | undefined;
}

/** Whether `value` is a web `ReadableStream` (checked by shape, so any realm's streams pass). */
export function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as { getReader?: unknown } | null)?.getReader === 'function';
}

/** Whether `value` is async-iterable, as Node `Readable`s are. */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Reads a stream to its end into one `Uint8Array`. A single-chunk stream is returned without a
 * copy; otherwise the chunks are copied once into a buffer of the final size.
 */
export async function readAllBytes(stream: ByteStream, options: ReadBytesOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const add = (chunk: unknown) => {
    if (options.signal?.aborted) throw abortError(options.signal);
    const bytes = toBytes(chunk);
    if (!bytes) throw options.badChunk?.(chunk) ?? new TypeError('The stream yielded something other than bytes.');
    total += bytes.length;
    if (options.maxBytes !== undefined && total > options.maxBytes) {
      throw options.tooLarge?.(total) ?? new RangeError(`The stream is larger than ${options.maxBytes} bytes.`);
    }
    chunks.push(bytes);
  };
  if (isReadableStream(stream)) {
    // The reader, not `for await`, because Safari's streams are not async-iterable.
    const reader = stream.getReader();
    try {
      for (let result = await reader.read(); !result.done; result = await reader.read()) add(result.value);
    } catch (error) {
      await reader.cancel(error).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
  } else {
    // Leaving the loop early (a throw in `add`) calls the iterator's `return`, which destroys a Node stream.
    for await (const chunk of stream) add(chunk);
  }
  if (options.signal?.aborted) throw abortError(options.signal);
  return concat(chunks, total);
}

function toBytes(chunk: unknown): Uint8Array | undefined {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return undefined;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}
