import { Hono } from 'hono';
import type { Model } from '../../schemas/model.js';
import type { AppEnv, EmulatorContext } from '../context.js';
import { notFound } from '../errors.js';
import type { CatalogModel } from '../model-catalog.js';
import { nextToken, paginate } from '../pagination.js';

/** Date of every seeded model, so listings are stable. */
const SEEDED_AT = '2025-06-01T00:00:00.000Z';
/** Owner of the public (built-in and custom) models. */
const PUBLIC_OWNER = 'proj_scenario';

/** `GET /models`, `GET /models/{id}`: public models, plus the trained ones of the default project. */
export function modelRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const visible = (owner: string) => (model: CatalogModel) => !model.trained || owner === context.options.projectId;
  const view = (model: CatalogModel): Model => ({
    ...model.wire,
    ownerId: model.trained ? context.options.projectId : PUBLIC_OWNER,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  });

  app.get('/models', (c) => {
    const privacy = c.req.query('privacy');
    const page = paginate(
      c,
      [...context.models.values()].filter(visible(c.get('owner'))),
      { defaultSize: 50, maxSize: 100 },
      (model) => !privacy || model.wire.privacy === privacy,
    );
    return c.json({ models: page.items.map(view), ...nextToken(page) });
  });

  app.get('/models/:modelId', (c) => {
    const id = c.req.param('modelId');
    const model = context.models.get(id);
    if (!model || !visible(c.get('owner'))(model)) throw notFound(`Model ${id} not found`);
    return c.json({ model: view(model) });
  });

  return app;
}
