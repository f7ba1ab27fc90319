/**
 * A server that stands between the `scenario` bin and an emulator and changes what the API says:
 * a job id that is a path, a failure reason with terminal escapes, a `Retry-After` of 31 years,
 * a success without outputs. Everything else is passed on as it is.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import type { RunningEmulator } from '../../src/testing/index.js';

/** A request as the proxy saw it: method and path (`/v1/…`, query left out). */
export interface SeenRequest {
  method: string;
  path: string;
}

/** How the proxy changes the API. */
export interface Tampering {
  /** Answers a request itself (status, headers, JSON body) instead of passing it on. */
  answer?(request: SeenRequest): { status: number; headers?: Record<string, string>; body: unknown } | undefined;
  /** The path passed on for a request's path (e.g. a rewritten job id mapped back). */
  forward?(path: string): string;
  /** Changes a JSON answer passed on. */
  json?(request: SeenRequest, body: unknown): unknown;
}

/** A running proxy: its API root, what it saw, and whether it accepts connections. */
export interface Proxy {
  url: string;
  requests: SeenRequest[];
  /** Stops listening (connections are refused), or listens again on the same port. */
  listening(on: boolean): Promise<void>;
}

const servers: Server[] = [];

/** A proxy in front of `api`, closed after the file's tests. */
export async function proxy(api: RunningEmulator, tampering: Tampering = {}): Promise<Proxy> {
  const origin = new URL(api.url).origin;
  const requests: SeenRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', origin);
    const seen = { method: incoming.method ?? 'GET', path: url.pathname };
    requests.push(seen);
    const own = tampering.answer?.(seen);
    if (own) {
      outgoing.writeHead(own.status, { 'content-type': 'application/json', ...own.headers });
      outgoing.end(JSON.stringify(own.body));
      return;
    }
    const target = `${origin}${tampering.forward?.(url.pathname) ?? url.pathname}${url.search}`;
    const body = ['GET', 'HEAD'].includes(seen.method) ? undefined : new Uint8Array(await read(incoming));
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
      ),
    );
    const answer = await fetch(target, { method: seen.method, headers, body });
    const type = answer.headers.get('content-type') ?? '';
    let bytes: Uint8Array = new Uint8Array(await answer.arrayBuffer());
    if (tampering.json && type.includes('json')) {
      const changed = tampering.json(seen, JSON.parse(new TextDecoder().decode(bytes)));
      bytes = new TextEncoder().encode(JSON.stringify(changed));
    }
    outgoing.writeHead(answer.status, { 'content-type': type });
    outgoing.end(bytes);
  });
  servers.push(server);
  let port = 0;
  const listening = async (on: boolean) => {
    if (!on) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return;
    }
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listening(true);
  return { url: `http://127.0.0.1:${port}/v1`, requests, listening };
}

function read(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

afterAll(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});
