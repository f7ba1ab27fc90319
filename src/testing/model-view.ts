import type * as z from 'zod/mini';
import type { ModelSchema } from '../schemas/model.js';
import { type EmulatorContext, isoDate, PUBLIC_OWNER, SEEDED_AT } from './context.js';
import type { CatalogModel } from './model-catalog.js';

/** A model as the API sends it. */
export type ModelWire = z.input<typeof ModelSchema>;

/**
 * The model as `GET /models/{id}` answers: its catalog entry with the fields the swagger requires
 * (`source`, `custom`, `exampleAssetIds`, `trainingImagesNumber`, `collectionIds`), its owner
 * (Scenario for public models, the emulator's project for the others) and dates.
 */
export function modelView(context: EmulatorContext, model: CatalogModel): ModelWire {
  const isPublic = model.wire.privacy === 'public';
  return {
    source: isPublic ? 'other' : 'scenario',
    custom: model.runner !== undefined,
    tags: model.wire.tags ?? [],
    exampleAssetIds: [],
    collectionIds: [],
    trainingImagesNumber: 0,
    ownerId: isPublic ? PUBLIC_OWNER : context.options.projectId,
    createdAt: isoDate(SEEDED_AT),
    updatedAt: isoDate(SEEDED_AT),
    // A model created with `POST /models` carries its own owner, dates and dataset.
    ...model.wire,
  };
}

/** A row of a model listing: the model without `inputs`, which the live API leaves to `GET /models/{id}`. */
export function listedModelView(context: EmulatorContext, model: CatalogModel): ModelWire {
  const { inputs: _detailOnly, ...row } = modelView(context, model);
  return row;
}
