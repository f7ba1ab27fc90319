/**
 * The studio's server: the Vite app, and beside it the proxy that holds the key, mounted at
 * /api/scenario on the same origin. Each browser picks a user (a cookie): the proxy gives every
 * user their own jobs and assets and budget. With no credentials in the environment, a local
 * emulator plays Scenario (no network, no credits).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Budget, createProxy, toNodeHandler } from 'scenario-sdk/server';
import { type RunningEmulator, startEmulator } from 'scenario-sdk/testing';
import { createServer } from 'vite';

/** The models the studio offers (and the proxy allows). */
export const STUDIO_MODELS = ['flux.1-dev', 'flux.1-schnell'];

/** The users a browser can pick; a real app reads its own session instead. */
export const STUDIO_USERS = ['alice', 'bob', 'carol'];

export interface StudioOptions {
  /** Port of the app. Default 5173; 0 picks a free one. */
  port?: number;
  /** Credits per user per day. Default 200. */
  credits?: number;
}

export interface Studio {
  url: string;
  /** The local emulator, when no credentials were set. */
  emulator: RunningEmulator | undefined;
  close(): Promise<void>;
}

const hasCredentials = () =>
  Boolean((process.env.SCENARIO_API_KEY && process.env.SCENARIO_API_SECRET) || process.env.SCENARIO_API_TOKEN);

export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const emulator = hasCredentials()
    ? undefined
    : await startEmulator({ apiKey: 'studio', apiSecret: 'studio-secret', jobDurations: { flux: 1500, upload: 200 } });
  const upstream = emulator ? { baseUrl: emulator.url, apiKey: 'studio', apiSecret: 'studio-secret' } : {};
  const budget: Budget = { credits: options.credits ?? 200, windowMs: 86_400_000 };
  const proxy = createProxy({
    ...upstream,
    // The user a browser picked, from its cookie; a real app checks its own session here.
    authorize: (request) => {
      const user = /(?:^|;\s*)studio-user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return user && STUDIO_USERS.includes(user) ? user : null;
    },
    models: STUDIO_MODELS,
    budget,
  });
  const handler = toNodeHandler(proxy);
  const vite = await createServer({
    root: dirname(fileURLToPath(import.meta.url)),
    logLevel: 'warn',
    server: { port: options.port ?? 5173, strictPort: true, host: '127.0.0.1' },
    plugins: [
      {
        name: 'scenario-proxy',
        configureServer: (server) => void server.middlewares.use('/api/scenario', handler),
      },
    ],
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    async close() {
      await vite.close();
      await emulator?.close();
    },
  };
}
