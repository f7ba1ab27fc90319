import { type Context, Hono } from 'hono';
import { type AppEnv, AUTHOR_ID, type EmulatorContext } from '../context.js';
import { badRequest, EmulatorHttpError, forbidden, notFound } from '../errors.js';
import { notAnImage } from '../image-inputs.js';
import { dominantColourName } from '../images/colour-name.js';
import { decodeImageString } from '../images/image-string.js';
import { probeImage } from '../images/probe.js';
import { jobView } from '../job-lifecycle.js';
import type { ModelRecord, TrainingImageRecord, TrainingPairRecord } from '../model-record.js';
import { dryRunQuote, isDryRun, MAX_GENERATE_BODY_BYTES, readBody, readJson } from '../request.js';
import { type AssetRecord, uploadedAsset } from '../store.js';
import { drawJobFailure } from '../traffic.js';
import {
  cancelTraining,
  costOf,
  modelStatus,
  modelView,
  startTraining,
  TRAINABLE_TYPES,
  TRAINING_JOB_TYPE,
} from '../training.js';

/** The type `POST /models` gives a model when the body names none. */
const DEFAULT_TYPE = 'flux.1-lora';
/** `assetIds` one `POST …/training-images` takes. */
const MAX_ASSET_IDS = 10;
/** Training images a model may hold: past it the API answers 429 `add-training-image` (a plan's dataset ceiling). */
export const TRAINING_IMAGE_CEILING = 100;

/** `POST /models` and `PUT /models/{id}` fields, as the swagger contract has checked them. */
interface ModelFields {
  name?: string;
  shortDescription?: string;
  type?: string;
  parameters?: Record<string, unknown>;
  [setting: string]: unknown;
}

/** `POST …/training-images` and `PUT …/training-images/{id}` fields. */
interface TrainingImageFields {
  data?: string;
  name?: string;
  assetId?: string;
  assetIds?: string[];
  preset?: 'default' | 'style' | 'subject';
}

/**
 * Model creation and training: `POST /models`, `PUT` and `DELETE /models/{id}`, the training
 * images (`POST`, `PUT`, `DELETE …/training-images…`, `PUT …/training-images/pairs`), and the
 * training itself (`PUT /models/{id}/train`, with `?dryRun`, and `POST …/train/action` to
 * cancel). Reads (`GET /models…`) are the models routes'.
 */
export function trainingRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = () => context.options.clock.now();
  /** A model the caller created; a catalog model is not theirs to change (403), any other id unknown (404). */
  const own = (c: Context<AppEnv>): ModelRecord => {
    const id = c.req.param('modelId') as string;
    const record = context.store.createdModels.get(id);
    if (record && record.ownerId === c.get('owner')) return record;
    if (context.models.has(id)) throw forbidden(`Model ${id} is in the catalog: only models you created can change`);
    throw notFound(`Model ${id} not found`);
  };
  /** Refuses to change the dataset of a model while it trains, as the API does. */
  const settled = (record: ModelRecord) => {
    if (modelStatus(context, record) === 'training') {
      throw badRequest(`Model ${record.id} is training: its training images cannot change until the training ends`);
    }
    return record;
  };

  app.post('/models', async (c) => {
    const { name, shortDescription, type = DEFAULT_TYPE, ...settings } = (await readBody(context, c)) as ModelFields;
    const record: ModelRecord = {
      id: context.store.id('model'),
      ownerId: c.get('owner'),
      authorId: AUTHOR_ID,
      ...(name === undefined ? {} : { name }),
      ...(shortDescription === undefined ? {} : { shortDescription }),
      type,
      createdAt: now(),
      updatedAt: now(),
      parameters: {},
      settings,
      trainingImages: [],
      pairs: [],
    };
    context.store.createdModels.set(record.id, record);
    return c.json({ model: modelView(context, record) });
  });

  app.put('/models/:modelId', async (c) => {
    const record = own(c);
    const { name, shortDescription, type, parameters, ...settings } = (await readBody(context, c)) as ModelFields;
    if (type !== undefined && type !== record.type && modelStatus(context, record) !== 'new') {
      throw badRequest('The type can only be changed if the model has the "new" status');
    }
    Object.assign(record, {
      ...(name === undefined ? {} : { name }),
      ...(shortDescription === undefined ? {} : { shortDescription }),
      ...(type === undefined ? {} : { type }),
      parameters: { ...record.parameters, ...parameters },
      settings: { ...record.settings, ...settings },
      updatedAt: now(),
    });
    return c.json({ model: modelView(context, record) });
  });

  app.delete('/models/:modelId', (c) => {
    const record = own(c);
    cancelTraining(context, record);
    context.store.createdModels.delete(record.id);
    return c.json({});
  });

  app.post('/models/:modelId/training-images', async (c) => {
    const record = settled(own(c));
    const fields = (await readBody(context, c, MAX_GENERATE_BODY_BYTES)) as TrainingImageFields;
    const { assetIds } = fields;
    if (assetIds !== undefined && (fields.assetId !== undefined || fields.data !== undefined)) {
      throw badRequest('assetIds cannot be used with assetId or data');
    }
    if (assetIds !== undefined && assetIds.length > MAX_ASSET_IDS) {
      throw badRequest('Too many assetIds provided in a single request');
    }
    const sources = assetIds ?? [fields.assetId ?? fields.data];
    if (sources.length === 0 || sources[0] === undefined) throw badRequest('Input data or assetId is required');
    if (record.trainingImages.length + sources.length > TRAINING_IMAGE_CEILING) {
      throw new EmulatorHttpError(
        429,
        `You have reached the maximum number of training images (${TRAINING_IMAGE_CEILING}) for your plan`,
        { details: { actionName: 'add-training-image', actionLimit: TRAINING_IMAGE_CEILING } },
      );
    }
    const assets = await Promise.all(
      sources.map((source) => trainingAsset(context, c.get('owner'), record, source as string, fields.name)),
    );
    const added = await Promise.all(assets.map((asset) => trainingImageOf(asset, fields.preset, now())));
    for (const asset of assets) if (!context.store.assets.has(asset.id)) context.store.addAsset(asset);
    record.trainingImages.push(...added);
    record.updatedAt = now();
    const views = shown(context, record, added);
    return c.json({ trainingImage: views[0], ...(assetIds ? { trainingImages: views } : {}) });
  });

  app.put('/models/:modelId/training-images/pairs', async (c) => {
    const record = settled(own(c));
    const pairs = checkPairs(record, await readJson(c));
    record.pairs = pairs;
    record.updatedAt = now();
    return c.json({ count: pairs.length, pairs });
  });

  app.put('/models/:modelId/training-images/:trainingImageId', async (c) => {
    const record = settled(own(c));
    const index = trainingImageIndex(record, c.req.param('trainingImageId'));
    const fields = (await readBody(context, c, MAX_GENERATE_BODY_BYTES)) as TrainingImageFields;
    const source = fields.assetId ?? fields.data;
    if (source === undefined) throw badRequest('Input data or assetId is required');
    const asset = await trainingAsset(context, c.get('owner'), record, source, fields.name);
    const replacement = await trainingImageOf(asset, fields.preset, now());
    if (!context.store.assets.has(asset.id)) context.store.addAsset(asset);
    const replaced = record.trainingImages[index] as TrainingImageRecord;
    record.trainingImages[index] = replacement;
    record.pairs = record.pairs.map((pair) => ({
      ...pair,
      sourceId: pair.sourceId === replaced.assetId ? replacement.assetId : pair.sourceId,
      targetId: pair.targetId === replaced.assetId ? replacement.assetId : pair.targetId,
    }));
    record.updatedAt = now();
    return c.json({ trainingImage: shown(context, record, [replacement])[0] });
  });

  app.delete('/models/:modelId/training-images/:trainingImageId', (c) => {
    const record = settled(own(c));
    const index = trainingImageIndex(record, c.req.param('trainingImageId'));
    const [removed] = record.trainingImages.splice(index, 1);
    record.pairs = record.pairs.filter(
      (pair) => pair.sourceId !== removed?.assetId && pair.targetId !== removed?.assetId,
    );
    record.updatedAt = now();
    return c.json({});
  });

  app.put('/models/:modelId/train', async (c) => {
    const record = own(c);
    const { parameters = {} } = (await readBody(context, c)) as { parameters?: Record<string, unknown> };
    checkTrainable(context, record);
    if (isDryRun(c)) {
      const quoted = costOf({ ...record, parameters: { ...record.parameters, ...parameters } });
      return dryRunQuote(quoted, { jobType: TRAINING_JOB_TYPE, trainingImages: record.trainingImages.length });
    }
    enforceParallelTrainings(context, c.get('owner'));
    const fails = drawJobFailure(context, c);
    const job = startTraining(context, record, parameters, fails);
    return c.json({
      model: modelView(context, record),
      job: jobView(context, job),
      creativeUnitsCost: job.cost,
      creativeUnitsDiscount: 0,
    });
  });

  app.post('/models/:modelId/train/action', async (c) => {
    const record = own(c);
    const { action } = (await readBody(context, c)) as { action?: string };
    if (action === undefined) throw badRequest('Input action is required');
    const status = modelStatus(context, record);
    if (status !== 'training') throw badRequest(`Model ${record.id} is not training (status ${status})`);
    cancelTraining(context, record);
    return c.json({ model: modelView(context, record) });
  });

  return app;
}

/**
 * The asset a training image is: an asset of the project by id (once per model), or a new hidden
 * asset made from a data URL (not stored yet: the request may still be refused).
 */
async function trainingAsset(
  context: EmulatorContext,
  owner: string,
  record: ModelRecord,
  source: string,
  name: string | undefined,
): Promise<AssetRecord> {
  if (source.startsWith('asset_')) {
    const asset = context.store.assets.get(source);
    if (!asset || asset.ownerId !== owner) throw notFound(`Asset ${source} not found`);
    if (asset.width === undefined) throw badRequest(`Asset ${source} is not an image`);
    if (record.trainingImages.some((image) => image.assetId === source)) {
      throw badRequest('The provided assetId is already a training image of this model');
    }
    return asset;
  }
  const bytes = decodeImageString(source);
  if (!bytes) throw badRequest('data must be a base64 data URL or an asset id');
  const info = await probeImage(bytes);
  if (!info) throw notAnImage('data', bytes);
  return uploadedAsset(context.store, {
    ownerId: owner,
    authorId: AUTHOR_ID,
    image: { bytes, ...info },
    createdAt: context.options.clock.now(),
    name: name ?? `training-image.${info.mimeType.split('/')[1]}`,
    hide: true,
  });
}

/**
 * The training image an asset becomes, with the caption Scenario would write: `style` captions
 * describe the picture (the look is what is learnt), `subject` ones the subject in it.
 */
async function trainingImageOf(
  asset: AssetRecord,
  preset: TrainingImageFields['preset'],
  at: number,
): Promise<TrainingImageRecord> {
  const colour = await dominantColourName(asset.bytes);
  const caption = preset === 'subject' ? `the subject, on a ${colour} ground` : `a picture in ${colour} tones`;
  const name = typeof asset.metadata.name === 'string' ? asset.metadata.name : `${asset.id}.png`;
  return { assetId: asset.id, name, createdAt: at, automaticCaptioning: caption };
}

/** The views of `added`, as the model shows its training images. */
function shown(context: EmulatorContext, record: ModelRecord, added: readonly TrainingImageRecord[]) {
  const ids = new Set(added.map((image) => image.assetId));
  return (modelView(context, record).trainingImages ?? []).filter((image) => ids.has(image.id));
}

function trainingImageIndex(record: ModelRecord, id: string | undefined): number {
  const index = record.trainingImages.findIndex((image) => image.assetId === id);
  if (index < 0) throw notFound(`Training image ${id} not found in model ${record.id}`);
  return index;
}

/** The body of `PUT …/training-images/pairs`: an array of pairs of the model's training images, each with an instruction. */
function checkPairs(record: ModelRecord, body: unknown): TrainingPairRecord[] {
  if (!Array.isArray(body)) throw badRequest('Request body must be an array of training image pairs');
  const ids = new Set(record.trainingImages.map((image) => image.assetId));
  const problems: string[] = [];
  const pairs = body.map((pair: unknown, index): TrainingPairRecord => {
    const { sourceId, targetId, instruction } = (pair ?? {}) as Record<string, unknown>;
    for (const [field, id] of [
      ['sourceId', sourceId],
      ['targetId', targetId],
    ] as const) {
      if (typeof id !== 'string' || !ids.has(id))
        problems.push(`Invalid ${index}.${field}: must be a training image of the model`);
    }
    if (typeof instruction !== 'string' || instruction.trim() === '') {
      problems.push(`Input ${index}.instruction is required`);
    }
    return { sourceId: String(sourceId), targetId: String(targetId), instruction: String(instruction) };
  });
  if (problems.length > 0) throw badRequest(problems.join('; '));
  return pairs;
}

/** What the API refuses to train: a type that does not train, a model training or trained, an empty dataset. */
function checkTrainable(context: EmulatorContext, record: ModelRecord): void {
  const trainable = TRAINABLE_TYPES[record.type];
  if (!trainable) throw badRequest(`Models of type ${record.type} cannot be trained`);
  const status = modelStatus(context, record);
  if (status === 'training') throw badRequest('Model is already training');
  if (status === 'trained') throw badRequest('Model is already trained: train a new model');
  if (record.trainingImages.length === 0) {
    throw badRequest('The model has no training images: add some before starting the training');
  }
  if (trainable.pairs && record.pairs.length === 0) {
    throw badRequest(
      `A ${record.type} trains on image pairs: set them with PUT /models/${record.id}/training-images/pairs`,
    );
  }
}

/** 429 `parallel-training` when the project already runs as many trainings as its plan allows. */
function enforceParallelTrainings(context: EmulatorContext, owner: string): void {
  const limit = context.options.parallelTrainings;
  const running = [...context.store.createdModels.values()].filter(
    (record) => record.ownerId === owner && modelStatus(context, record) === 'training',
  );
  if (running.length < limit) return;
  throw new EmulatorHttpError(
    429,
    `You have reached the maximum number of parallel trainings (${limit}). Wait for a training to finish.`,
    { details: { actionName: 'parallel-training', actionLimit: limit } },
  );
}
