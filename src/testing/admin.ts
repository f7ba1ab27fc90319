import { Hono } from 'hono';
import { auth } from './auth.js';
import type { AppEnv, EmulatorContext } from './context.js';
import { readJson } from './request.js';
import { createState, resetState } from './state.js';

/** Where the admin endpoints live, below the API root: a path the real API does not use. */
export const ADMIN_PATH = '/_emulator';

/**
 * `emulator.state` and `emulator.reset()` over HTTP, for a test that drives an emulator in another
 * process (`npx scenario-emulator`) — under the API root, behind the API's credentials, and
 * outside the traffic they report: they are not logged or counted, and faults never hit them.
 *
 * - `GET /_emulator/state`: `{ counters, ignoredFields, jobs, assets, uploads }`, the stored
 *   jobs, assets and uploads as the API would answer them now.
 * - `GET /_emulator/requests`: `{ requests }`, every request received, in order.
 * - `GET /_emulator/counters`: `{ counters }`.
 * - `POST /_emulator/reset`: forgets every asset, upload, job, counter and log entry; `{ reset: true }`.
 */
export function adminRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const state = createState(context);
  app.use('*', auth(context));
  app.get('/state', async (c) => {
    const [jobs, assets, uploads] = await Promise.all([state.jobs(), state.assets(), state.uploads()]);
    return c.json({ counters: state.counters, ignoredFields: state.ignoredFields, jobs, assets, uploads });
  });
  app.get('/requests', (c) => c.json({ requests: state.requests }));
  app.get('/counters', (c) => c.json({ counters: state.counters }));
  app.post('/reset', async (c) => {
    await readJson(c);
    resetState(context);
    return c.json({ reset: true });
  });
  return app;
}
