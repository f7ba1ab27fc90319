import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { Scenario } from '../../src/client.js';
import { createMemoryStore, createProxy, toNodeHandler } from '../../src/server/index.js';
import { createEmulator } from '../../src/testing/index.js';
import { PNG } from '../helpers/images.js';
import { KEY, SECRET } from './harness.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Serves `listener` on a free loopback port. */
async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function proxyOverEmulator(options: { maxBodyBytes?: number } = {}) {
  const emulator = createEmulator({ apiKey: KEY, apiSecret: SECRET, jobDurations: { flux: 100 } });
  const proxy = createProxy({
    authorize: (request) => request.headers.get('x-user'),
    apiKey: KEY,
    apiSecret: SECRET,
    baseUrl: emulator.url,
    fetch: emulator.fetch,
    store: createMemoryStore(),
    ...options,
  });
  return { emulator, proxy };
}

/** A browser-like client of a proxy served over HTTP: signed URLs go to the emulator. */
function clientOf(origin: string, emulator: ReturnType<typeof createEmulator>): Scenario {
  return new Scenario({
    proxyUrl: `${origin}/api/scenario`,
    defaultHeaders: { 'x-user': 'alice' },
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.startsWith(emulator.cdnUrl) ? emulator.fetch(input, init) : fetch(input, init);
    },
  });
}

describe('toNodeHandler', () => {
  test.each([
    ['node:http', (handler: ReturnType<typeof toNodeHandler>) => handler],
    [
      'express, mounted at /api/scenario',
      (handler: ReturnType<typeof toNodeHandler>) => express().use('/api/scenario', handler),
    ],
    [
      'express after express.json()',
      (handler: ReturnType<typeof toNodeHandler>) =>
        express()
          .use(express.json({ limit: '10mb' }))
          .use('/api/scenario', handler),
    ],
  ])('serves the proxy under %s: upload, generate, read back', async (_name, mount) => {
    const { emulator, proxy } = proxyOverEmulator();
    const origin = await listen(mount(toNodeHandler(proxy)) as Parameters<typeof createServer>[1]);
    const client = clientOf(origin, emulator);
    const asset = await client.assets.upload(PNG, { name: 'dot.png' });
    const generation = await client.img2img.create({ modelId: 'flux.1-dev', image: asset.id, prompt: 'a dot' });
    expect((await client.jobs.get(generation.id)).jobId).toBe(generation.id);
    expect((await client.assets.get(asset.id)).id).toBe(asset.id);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test('a body over maxBodyBytes is refused (413) while it streams, before it is buffered', async () => {
    const { emulator, proxy } = proxyOverEmulator({ maxBodyBytes: 1000 });
    const origin = await listen(toNodeHandler(proxy));
    const chunk = new TextEncoder().encode(`{"name":"big.png","image":"${'A'.repeat(60_000)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 200) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const answer = await fetch(`${origin}/api/scenario/assets`, {
      method: 'POST',
      headers: { 'x-user': 'alice', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({ reason: 'the body is larger than 1000 bytes' });
    expect(sent).toBeLessThan(200);
    expect(emulator.state.requests).toHaveLength(0);
  });
});
