import type { AddressInfo } from 'node:net';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { buildEmulator, type Emulator } from './emulator.js';
import { explainMissingPeer } from './missing-peer.js';
import type { AllowList, EmulatorOptions } from './options.js';
import { CONNECTION_RESET_HEADER } from './traffic.js';

/** Options of {@link startEmulator}: the emulator's, minus the URLs (the server's own are used). */
export interface StartEmulatorOptions extends Omit<EmulatorOptions, 'baseUrl' | 'cdnUrl'> {
  /** TCP port. Default `0`: a free port, read it from `url`. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  hostname?: string;
  /**
   * `Host` names to answer besides loopback ones and `hostname` (other names get a 403, which
   * defeats DNS rebinding): `'emulator'` (any port) or `'emulator:4010'`, as a docker compose
   * service or a LAN demo reaches it; `'*'` for any. Default: none.
   */
  allowHosts?: AllowList;
}

/** An emulator served over HTTP: `url` is `http://127.0.0.1:<port>/v1`, signed URLs live under `/cdn`. */
export interface RunningEmulator extends Emulator {
  /** The port actually bound. */
  readonly port: number;
}

/**
 * Starts the emulator as a real HTTP server, so other processes, `curl` and browser apps on
 * loopback origins (CORS) can call it; other `Host` names and origins only once allowed
 * (`allowHosts`, `allowOrigins`). `@hono/node-server` (an optional peer) is loaded only here.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { serve } = await import('@hono/node-server').catch((error: unknown) => {
    throw explainMissingPeer(error, 'startEmulator', ['@hono/node-server']);
  });
  const { port = 0, hostname = '127.0.0.1', allowHosts = [], ...emulatorOptions } = options;
  let server: ReturnType<typeof serve> | undefined;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (!server?.listening) return resolve();
      server.close((error) => (error ? reject(error) : resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  const { emulator, context, app } = buildEmulator(emulatorOptions, close);
  context.http = { allowHosts: allowHosts === '*' ? '*' : [...allowHosts, hostname] };

  const bound = await new Promise<number>((resolve, reject) => {
    server = serve(
      {
        // Paths are the app's own (/v1, /cdn), whatever host name the client used.
        fetch: async (request: Request, env: HttpBindings | Http2Bindings) => {
          const response = await app.fetch(request);
          if (!response.headers.has(CONNECTION_RESET_HEADER)) return response;
          env.incoming.socket.destroy();
          return new Response(null, { status: 500 });
        },
        port,
        hostname,
      },
      (info: AddressInfo) => resolve(info.port),
    );
    server.once('error', reject);
  });
  const root = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${bound}`;
  context.urls = { api: `${root}/v1`, cdn: `${root}/cdn` };
  return Object.assign(emulator, { port: bound });
}
