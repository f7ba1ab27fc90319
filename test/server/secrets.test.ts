import { describe, expect, test } from 'vitest';
import { APIError, AuthenticationError, NotFoundError } from '../../src/index.js';
import { errorAnswer } from '../../src/server/answers.js';
import { createMemoryStore } from '../../src/server/index.js';
import { captureLogger } from '../helpers/msw.js';
import { APP, KEY, SECRET, setup } from './harness.js';

const BASIC = btoa(`${KEY}:${SECRET}`);

describe('the proxy never shows a credential or a signature', () => {
  test("Scenario's refusal of the proxy's key passes through with its status and reason, without the key", async () => {
    const { logger, lines } = captureLogger();
    const { as, emulator } = setup(createMemoryStore(), { apiSecret: 'a-wrong-secret', logger, logLevel: 'debug' });
    const answers: string[] = [];
    const error = await as('alice')
      .jobs.get('job_x')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError); // not owned: refused before Scenario
    const refused = await as('alice')
      .models.get('flux.1-dev')
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect((refused as APIError).reason).toMatch(/./);
    answers.push(JSON.stringify(refused), (refused as Error).message, JSON.stringify((refused as APIError).body));
    for (const text of [...answers, ...lines]) {
      for (const secret of ['a-wrong-secret', SECRET, BASIC, btoa(`${KEY}:a-wrong-secret`)])
        expect(text).not.toContain(secret);
    }
    expect(emulator.state.requests.map((request) => request.status)).toEqual([401]);
  });

  test('signed query strings are cut from error reasons and details, and unexpected failures say nothing of their cause', async () => {
    const signed = 'https://cdn.example.com/assets/a.png?X-Amz-Signature=abc123&X-Amz-Credential=key';
    const error = new APIError({
      status: 400,
      reason: `could not read ${signed}`,
      body: {},
      headers: {},
      method: 'POST',
      path: '/generate/img2img',
      details: { url: signed },
    });
    const answer = errorAnswer(error, () => {});
    const text = await answer.text();
    expect(answer.status).toBe(400);
    expect(text).toContain('https://cdn.example.com/assets/a.png');
    expect(text).not.toContain('X-Amz');
    const logged: string[] = [];
    const failure = errorAnswer(new Error(`store down at ${signed}`), (line) => logged.push(line));
    expect(failure.status).toBe(500);
    expect(await failure.json()).toEqual({ reason: 'the proxy failed' });
    expect(logged.join('')).not.toContain('X-Amz');
  });

  test("a signed URL in Scenario's error details loses its query and nothing else: quotes and line breaks after it stay", async () => {
    const signed = 'https://cdn.example.com/assets/a.png?sig=1';
    const details = { quoted: `${signed}" more words`, lines: `${signed}\nnext words`, list: [`see ${signed}`] };
    const { proxy } = setup(createMemoryStore(), {
      fetch: async () =>
        new Response(JSON.stringify({ reason: `could not read ${signed}`, details }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const answer = await proxy.fetch(
      new Request(`${APP}/api/scenario/models/flux.1-dev`, { headers: { 'x-user': 'alice' } }),
    );
    expect(answer.status).toBe(400);
    const body = await answer.json();
    expect(body.reason).toBe('could not read https://cdn.example.com/assets/a.png');
    expect(body.details).toEqual({
      quoted: 'https://cdn.example.com/assets/a.png" more words',
      lines: 'https://cdn.example.com/assets/a.png\nnext words',
      list: ['see https://cdn.example.com/assets/a.png'],
    });
  });
});
