import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Scenario } from '../../src/client.js';
import type { ClientOptions } from '../../src/core/options.js';

/** The default API root, which every test client talks to unless told otherwise. */
export const API = 'https://api.cloud.scenario.com/v1';

/** An msw server for this test file: unknown requests fail the test, handlers reset after each test. */
export function useMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A client with test credentials and a silent logger; `options` override. */
export function testClient(options: ClientOptions = {}): Scenario {
  return new Scenario({ apiKey: 'api_test', apiSecret: 'secret_test', logLevel: 'off', ...options });
}

/**
 * A handler for every method and URL under the API that records each request and answers
 * with `answer(request, attempt)` (attempt counts from 1), by default `{}`.
 */
export function recordApi(
  answer: (request: Request, attempt: number) => Response | Promise<Response> = () => HttpResponse.json({}),
  base = API,
) {
  const requests: Request[] = [];
  const handler = http.all(`${base}/*`, ({ request }) => {
    requests.push(request.clone());
    return answer(request, requests.length);
  });
  return { handler, requests };
}

/** A logger that records every line as `level: text`, for asserting on what the SDK logs. */
export function captureLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push([`${level}: ${message}`, ...args.map(String)].join(' '));
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}
