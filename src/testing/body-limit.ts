import { readAllBytes } from '../core/read-bytes.js';

/**
 * The largest request body an API route reads: 16 MiB, above every route's own limit (the
 * gateway's ~6 MB on `/generate/*`, ~6 MiB of base64 per image of `POST /assets`), so those still
 * answer with their own messages; a larger body is refused before it is buffered.
 */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

class OverLimit extends Error {}

/** A request or a response: what {@link readBodyBytes} reads. */
interface HttpMessage {
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * A request's or a response's body read only up to `maxBytes`, or `undefined` when it is
 * larger: one whose `content-length` declares more is refused before a byte is read, one that
 * streams more (chunked, or lying about its length) as soon as it has. One message can then
 * never make the emulator buffer more than the limit. `signal` stops the read (it then throws).
 */
export async function readBodyBytes(
  message: HttpMessage,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array | undefined> {
  const declared = Number(message.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await message.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!message.body) return new Uint8Array(0);
  try {
    return await readAllBytes(message.body, { maxBytes, tooLarge: () => new OverLimit(), signal });
  } catch (error) {
    if (error instanceof OverLimit) return undefined;
    throw error;
  }
}
