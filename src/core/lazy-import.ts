import { APIConnectionError, messageOf } from './errors.js';

/**
 * Imports a module of the SDK that loads on first use. The client's resources, its HTTP layer and
 * the helpers only some calls need are modules of their own, imported where a call needs them, so
 * a page downloads (and a serverless function evaluates) the client's core at start and the rest
 * as it is called; the runtime keeps each module once loaded. A load that fails (a page gone
 * offline, a deployment that replaced the files the page was built with) rejects with an
 * {@link APIConnectionError} before any request is sent; the next call tries again.
 *
 * `what` names the code in the error: `client.img2img`, `the HTTP client`.
 */
export async function lazyImport<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new APIConnectionError(
      `Could not load the SDK's code for ${what} (${messageOf(error)}); nothing was sent. Check the connection, or reload the page if the app was deployed again.`,
      { cause: error },
    );
  }
}
