import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { httpAccess, isAllowedOrigin } from './access.js';
import { ADMIN_PATH, adminRoutes } from './admin.js';
import { auth } from './auth.js';
import type { AppEnv, EmulatorContext } from './context.js';
import { EmulatorHttpError, errorResponse } from './errors.js';
import { settle } from './job-lifecycle.js';
import { assetDownloadRoutes } from './routes/asset-downloads.js';
import { assetUpdateRoutes } from './routes/asset-updates.js';
import { assetRoutes } from './routes/assets.js';
import { cdnRoutes } from './routes/cdn.js';
import { generateRoutes } from './routes/generate.js';
import { jobRoutes } from './routes/jobs.js';
import { modelRoutes } from './routes/models.js';
import { trainingRoutes } from './routes/training.js';
import { uploadRoutes } from './routes/uploads.js';
import { IGNORED_FIELDS_HEADER, traffic } from './traffic.js';

/**
 * The emulator as one Hono app on internal paths: the API under `/v1` (its admin endpoints under
 * `/v1/_emulator`), the signed asset and part URLs under `/cdn`. The serving layers (fetch, msw, HTTP) map public URLs onto these.
 */
export function createApp(context: EmulatorContext): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use('*', auth(context));
  api.use('*', async (_c, next) => {
    await settle(context);
    await next();
  });
  // Asset downloads first: their static paths must win over `/assets/:assetId`.
  for (const routes of [
    assetDownloadRoutes,
    assetRoutes,
    assetUpdateRoutes,
    uploadRoutes,
    generateRoutes,
    jobRoutes,
    modelRoutes,
    trainingRoutes,
  ])
    api.route('/', routes(context));

  const app = new Hono<AppEnv>();
  app.use('*', httpAccess(context));
  app.use(
    '*',
    cors({
      origin: (origin) => (isAllowedOrigin(origin, context.options.allowOrigins) ? origin : null),
      exposeHeaders: ['Retry-After', 'Content-Length', 'ETag', IGNORED_FIELDS_HEADER],
      maxAge: 600,
    }),
  );
  // Before the traffic middleware: the admin endpoints report traffic, they are not part of it.
  app.route(`/v1${ADMIN_PATH}`, adminRoutes(context));
  app.use('*', traffic(context));
  app.route('/v1', api);
  app.route('/cdn', cdnRoutes(context));
  app.notFound((c) =>
    errorResponse(
      context.store,
      new EmulatorHttpError(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`),
    ),
  );
  app.onError((error) => {
    const known = error instanceof EmulatorHttpError;
    return errorResponse(context.store, known ? error : new EmulatorHttpError(500, `Emulator error: ${error.message}`));
  });
  return app;
}
