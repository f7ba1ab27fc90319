/** Called as a download's bytes arrive: so far, and the total when the server sent a length. */
export type OnBytes = (received: number, total: number | undefined) => void;

/** A `fetch` that reports the bytes of watched downloads, and how to watch one. */
export interface DownloadProgress {
  wrap(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  /** Reports the download of `url` to `onBytes` until the returned function is called. */
  watch(url: string, onBytes: OnBytes): () => void;
}

/**
 * Download progress without a hook in the SDK: the client's `fetch` is wrapped, and the body of a
 * response to a watched URL (an asset's signed URL) is counted as it streams through.
 */
export function downloadProgress(): DownloadProgress {
  const watched = new Map<string, OnBytes>();
  const key = (url: string) => URL.parse(url)?.href ?? url;
  return {
    wrap: (fetch) => async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      const onBytes = watched.get(key(url));
      if (!onBytes || !response.body) return response;
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      const total = Number.isFinite(declared) ? declared : undefined;
      let received = 0;
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            received += chunk.byteLength;
            onBytes(received, total);
            controller.enqueue(chunk);
          },
        }),
      );
      const { status, statusText, headers } = response;
      const counting = new Response(counted, { status, statusText, headers });
      // `url` is read-only on a new Response; the SDK names the URL in its errors.
      Object.defineProperty(counting, 'url', { value: response.url });
      return counting;
    },
    watch(url, onBytes) {
      watched.set(key(url), onBytes);
      return () => watched.delete(key(url));
    },
  };
}
