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
  /** Stops the read at once, even while the stream yields nothing. */
  signal?: AbortSignal | undefined;
  /** Stop and throw `stalled()` once no chunk has arrived for this many ms. */
  idleTimeoutMs?: number | undefined;
  stalled?: (() => Error) | undefined;
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
 * copy; otherwise the chunks are copied once into a buffer of the final size. On any failure
 * (abort, stall, too large, a bad chunk) the stream is cancelled or destroyed, so its source
 * stops producing.
 */
export async function readAllBytes(stream: ByteStream, options: ReadBytesOptions = {}): Promise<Uint8Array> {
  const source = chunkSource(stream);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let result = await nextChunk(source, options); !result.done; result = await nextChunk(source, options)) {
      const bytes = toBytes(result.value);
      if (!bytes) {
        throw options.badChunk?.(result.value) ?? new TypeError('The stream yielded something other than bytes.');
      }
      total += bytes.length;
      if (options.maxBytes !== undefined && total > options.maxBytes) {
        throw options.tooLarge?.(total) ?? new RangeError(`The stream is larger than ${options.maxBytes} bytes.`);
      }
      chunks.push(bytes);
    }
  } catch (error) {
    source.stop(error);
    throw error;
  } finally {
    source.release();
  }
  return concat(chunks, total);
}

/** One way to pull chunks from either kind of stream, and to make its source stop. */
interface ChunkSource {
  next(): Promise<IteratorResult<unknown>>;
  /** Cancels or destroys the stream without waiting: a stalled source may never confirm. */
  stop(reason: unknown): void;
  release(): void;
}

function chunkSource(stream: ByteStream): ChunkSource {
  if (isReadableStream(stream)) {
    // The reader, not `for await`, because Safari's streams are not async-iterable.
    const reader = stream.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<unknown>>,
      stop: (reason) => void reader.cancel(reason).catch(() => {}),
      release: () => {
        try {
          reader.releaseLock();
        } catch {
          // Older runtimes refuse to release while a read is pending; the stream is cancelled anyway.
        }
      },
    };
  }
  const iterator = stream[Symbol.asyncIterator]();
  const destroy = (stream as { destroy?: unknown }).destroy;
  return {
    next: () => iterator.next(),
    stop: () => {
      // A Node stream is destroyed directly: its iterator's `return` would wait for the pending read.
      if (typeof destroy === 'function') destroy.call(stream);
      else Promise.resolve(iterator.return?.()).catch(() => {});
    },
    release: () => {},
  };
}

/** The stream's next chunk, unless the signal aborts or the idle timeout passes first. */
function nextChunk(source: ChunkSource, options: ReadBytesOptions): Promise<IteratorResult<unknown>> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (!signal && idleTimeoutMs === undefined) return source.next();
  return new Promise((resolve, reject) => {
    const onAbort = () => settle(() => reject(abortError(signal as AbortSignal)));
    const timer =
      idleTimeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              settle(() =>
                reject(options.stalled?.() ?? new Error(`The stream yielded nothing for ${idleTimeoutMs} ms.`)),
              ),
            idleTimeoutMs,
          );
    function settle(outcome: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    source.next().then(
      (result) => settle(() => resolve(result)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
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
