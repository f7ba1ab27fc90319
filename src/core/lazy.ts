import { APIConnectionError } from './errors.js';

/**
 * A module loaded on first use, once. The client's resources, its HTTP layer and the helpers only
 * some calls need are modules of their own behind one of these, so a page downloads (and a
 * serverless function evaluates) the client's core at start and the rest as it is called. A load
 * that fails (a page gone offline, a deployment that replaced the files the page was built with)
 * rejects with an {@link APIConnectionError} before any request is sent; the next call loads again.
 *
 * `what` names the code in the error: `the img2img params`, `the HTTP client`.
 */
export function lazy<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new APIConnectionError(
        `Could not load the SDK's code for ${what} (${reason}); nothing was sent. Check the connection, or reload the page if the app was deployed again.`,
        { cause: error },
      );
    });
    return loading;
  };
}
