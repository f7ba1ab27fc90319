import { type Context, Hono } from 'hono';
import { type AppEnv, type EmulatorContext, SEEDED_AT } from '../context.js';
import { notFound } from '../errors.js';
import { sortedInRange, typeFilter } from '../listing.js';
import type { CatalogModel } from '../model-catalog.js';
import { listedModelView, modelView } from '../model-view.js';
import { nextToken, paginate } from '../pagination.js';
import { createdModels, findModel } from '../training.js';

/**
 * `GET /models` (the project's own models by default, as the swagger's `privacy=private` default
 * says; `privacy=public` for the public catalog), `GET /models/{id}`, `GET /models/public`,
 * `GET /models/public/{id}`. Listings leave out each model's `inputs`, as the live API does.
 */
export function modelRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const models = [...context.models.values()];
  const isPublic = (model: CatalogModel) => model.wire.privacy === 'public';
  // Private models belong to the emulator's default project.
  const visible = (owner: string) => (model: CatalogModel) =>
    isPublic(model) || owner === (model.wire.ownerId ?? context.options.projectId);
  const list = (c: Context<AppEnv>, all: readonly CatalogModel[], keep: (model: CatalogModel) => boolean) => {
    const page = paginate(c, all, keep);
    return c.json({ models: page.items.map((model) => listedModelView(context, model)), ...nextToken(page) });
  };

  app.get('/models', (c) => {
    const privacy = c.req.query('privacy') ?? 'private';
    const status = c.req.query('status');
    // The catalog, then the models created with `POST /models`, as they are now.
    const listed = [...models, ...createdModels(context)].filter(
      (model) => visible(c.get('owner'))(model) && model.wire.privacy === privacy,
    );
    return list(c, listed, (model) => !status || model.wire.status === status);
  });

  app.get('/models/public', (c) => {
    const typeMatches = typeFilter(c);
    const dated = () => ({ createdAt: SEEDED_AT, updatedAt: SEEDED_AT });
    return list(c, sortedInRange(c, models.filter(isPublic), dated), (model) => typeMatches(model.wire.type ?? ''));
  });

  app.get('/models/public/:modelId', (c) => {
    const id = c.req.param('modelId');
    const model = context.models.get(id);
    if (!model || !isPublic(model)) throw notFound(`Public model ${id} not found`);
    return c.json({ model: modelView(context, model) });
  });

  app.get('/models/:modelId', (c) => {
    const id = c.req.param('modelId');
    const model = findModel(context, id);
    if (!model || !visible(c.get('owner'))(model)) throw notFound(`Model ${id} not found`);
    return c.json({ model: modelView(context, model) });
  });

  return app;
}
