import { Scenario } from '../../src/index.js';
import type { Emulator } from '../../src/testing/index.js';

/** A client on `emulator`, retries and logs off, that shows every request and its answer to `observe`. */
export function observedClient(emulator: Emulator, observe: (request: Request, response: Response) => void): Scenario {
  return new Scenario({
    apiKey: 'k',
    apiSecret: 's',
    baseUrl: emulator.url,
    maxRetries: 0,
    logLevel: 'off',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const response = await emulator.fetch(request);
      observe(request, response);
      return response;
    },
  });
}
