import { HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import type { LogLevel } from '../../src/core/logger.js';
import { createLogger } from '../../src/core/logger.js';
import { createRedactor } from '../../src/core/redact.js';
import { captureLogger, recordApi, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

/** One GET that fails once with a 503 (retried after at most 0.5 s), then succeeds; returns the lines logged. */
async function retryOnce(logLevel: LogLevel) {
  const { logger, lines } = captureLogger();
  const { handler } = recordApi((_request, attempt) =>
    attempt === 1 ? HttpResponse.json({ reason: 'overloaded' }, { status: 503 }) : HttpResponse.json({}),
  );
  server.use(handler);
  await transportOf(testClient({ logger, logLevel })).request({ method: 'GET', path: '/jobs', schema: z.unknown() });
  return lines;
}

describe('logging through the client', () => {
  test("'off' logs nothing", async () => {
    expect(await retryOnce('off')).toEqual([]);
  });

  test('retries are logged at warn, with the reason', async () => {
    const lines = await retryOnce('warn');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn: \[scenario-sdk\] GET \/jobs failed with 503: overloaded; retry 1 in \d+ ms$/);
  });

  test("'error' drops the warn line", async () => {
    expect(await retryOnce('error')).toEqual([]);
  });

  test("'debug' adds one line per attempt", async () => {
    const lines = await retryOnce('debug');
    expect(lines.filter((line) => line.startsWith('debug:'))).toEqual([
      'debug: [scenario-sdk] GET /jobs (attempt 1)',
      'debug: [scenario-sdk] GET /jobs (attempt 2)',
    ]);
  });

  test('the default level is warn', async () => {
    const { logger, lines } = captureLogger();
    const { handler } = recordApi();
    server.use(handler);
    const client = testClient({ logger, logLevel: undefined });
    await transportOf(client).request({ method: 'GET', path: '/jobs', schema: z.unknown() });
    transportOf(client).logger.info('info line');
    transportOf(client).logger.warn('warn line');
    expect(lines).toEqual(['warn: [scenario-sdk] warn line']);
  });
});

describe('createLogger', () => {
  test('redacts the message and every argument, errors and objects included', () => {
    const { logger, lines } = captureLogger();
    const log = createLogger(logger, 'debug', createRedactor(['s3cret-value']));
    log.error('failed with s3cret-value', new Error('boom s3cret-value'), { token: 's3cret-value' }, 's3cret-value');
    expect(lines).toEqual([
      'error: [scenario-sdk] failed with [redacted] Error: boom [redacted] {"token":"[redacted]"} [redacted]',
    ]);
  });
});
