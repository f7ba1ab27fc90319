import type { Model, TrainingImage, TrainingProgress } from '../schemas/model.js';
import { signedAssetUrl } from './asset-view.js';
import { type EmulatorContext, isoDate } from './context.js';
import { trainingCost } from './cost.js';
import { createJob, jobView } from './job-lifecycle.js';
import type { CatalogModel, ModelFamily } from './model-catalog.js';
import type { ModelRecord } from './model-record.js';
import type { JobRecord } from './store.js';

/**
 * The model types a training produces, what each learns from, and the base family its LoRA
 * runs on. Other types (base models, compositions, `custom`) do not train.
 */
export const TRAINABLE_TYPES: Readonly<Record<string, { family: ModelFamily; pairs: boolean }>> = {
  'flux.1-lora': { family: 'flux', pairs: false },
  'flux.1-krea-lora': { family: 'flux', pairs: false },
  'flux.1-kontext-lora': { family: 'flux', pairs: true },
  'sd-xl-lora': { family: 'sdxl', pairs: false },
  'sd-1_5-lora': { family: 'sd15', pairs: false },
};

/** The base model of each family in the catalog: what a trained LoRA runs on (`compliantModelIds`). */
const BASE_MODELS: Readonly<Record<ModelFamily, string>> = {
  flux: 'flux.1-dev',
  sdxl: 'stable-diffusion-xl-base-1.0',
  sd15: 'stable-diffusion-v1-5',
};

/** The job type of a training; its duration is `jobDurations['model-training']`. */
export const TRAINING_JOB_TYPE = 'model-training';

/**
 * Stages of a running training, as fractions of its duration: it waits (`pending`), is queued,
 * starts, then trains for most of the time. Progress rises linearly over the whole duration,
 * so a poller can predict the end.
 */
const STAGES = [
  { stage: 'pending', from: 0 },
  { stage: 'queued-for-train', from: 0.02 },
  { stage: 'starting-train', from: 0.08 },
  { stage: 'running-train', from: 0.15 },
] as const;

/** Training job statuses, as the model's status shows them. */
const MODEL_STATUS_OF_JOB: Readonly<Record<string, string>> = {
  success: 'trained',
  failure: 'failed',
  canceled: 'training-canceled',
};

/** Training images a listing shows per model; `GET /models/{id}` shows them all. */
const LISTED_TRAINING_IMAGES = 3;

/** The latest training's job of a model, if it was ever started. */
const trainingJob = (context: EmulatorContext, record: ModelRecord): JobRecord | undefined =>
  record.trainingJobId === undefined ? undefined : context.store.jobs.get(record.trainingJobId);

/** A training job as `GET /jobs/{id}` shows it: its status, progress and status history. */
function jobState(context: EmulatorContext, job: JobRecord) {
  const view = jobView(context, job);
  return {
    status: String(view.status),
    progress: Number(view.progress ?? 0),
    history: (view.statusHistory ?? []) as { status: string; date: string }[],
  };
}

/** A created model's status: `new` until trained, then as its training's job stands. */
export function modelStatus(context: EmulatorContext, record: ModelRecord): string {
  const job = trainingJob(context, record);
  if (!job) return 'new';
  return MODEL_STATUS_OF_JOB[jobState(context, job).status] ?? 'training';
}

/**
 * Starts a model's training: a `model-training` job whose time line is the training's, and
 * whose cost grows with the images and the epochs. `fails` makes it end `failed` half-way.
 */
export function startTraining(
  context: EmulatorContext,
  record: ModelRecord,
  parameters: Record<string, unknown>,
  fails: boolean,
): JobRecord {
  record.parameters = { ...record.parameters, ...parameters };
  record.name ??= `${record.type} trained on ${record.trainingImages.length} images`;
  const job = createJob(
    context,
    {
      jobType: TRAINING_JOB_TYPE,
      input: { modelId: record.id, type: record.type, parameters: record.parameters },
      cost: costOf(record),
      outputType: 'model',
      outputMetadata: {},
      hideResults: true,
      render: async () => [],
    },
    record.ownerId,
    fails,
  );
  record.trainingJobId = job.id;
  record.updatedAt = job.createdAt;
  return job;
}

/** What training `record` costs, in creative units. */
export const costOf = (record: ModelRecord) =>
  trainingCost(
    TRAINABLE_TYPES[record.type]?.family ?? 'flux',
    record.trainingImages.length,
    Number(record.parameters.nbEpochs ?? 10),
  );

/** Asks a running training to stop: its job ends `canceled` now. */
export function cancelTraining(context: EmulatorContext, record: ModelRecord): void {
  const job = trainingJob(context, record);
  if (job) job.canceledAt = context.options.clock.now();
}

/**
 * The model as `GET /models/{id}` answers: its dataset (`trainingImages` all of them, or the
 * first {@link LISTED_TRAINING_IMAGES} in a listing), and, per status, its training's progress
 * or stats.
 */
export function modelView(context: EmulatorContext, record: ModelRecord, listed = false): Model {
  const status = modelStatus(context, record);
  const job = trainingJob(context, record);
  const family = TRAINABLE_TYPES[record.type]?.family;
  const images = listed ? record.trainingImages.slice(0, LISTED_TRAINING_IMAGES) : record.trainingImages;
  return {
    id: record.id,
    ...(record.name === undefined ? {} : { name: record.name }),
    ...(record.shortDescription === undefined ? {} : { shortDescription: record.shortDescription }),
    type: record.type,
    status,
    privacy: 'private',
    source: 'scenario',
    custom: false,
    capabilities: status === 'trained' ? ['txt2img', 'img2img', 'controlnet', 'inpaint'] : [],
    tags: [],
    collectionIds: [],
    exampleAssetIds: [],
    ownerId: record.ownerId,
    authorId: record.authorId,
    createdAt: isoDate(record.createdAt),
    updatedAt: isoDate(Math.max(record.updatedAt, endOf(context, job) ?? 0)),
    parameters: record.parameters,
    trainingImagesNumber: record.trainingImages.length,
    trainingImages: images.map((image) => trainingImageView(context, image)),
    trainingImagePairs: record.pairs,
    ...(family === undefined ? {} : { compliantModelIds: [BASE_MODELS[family]] }),
    ...record.settings,
    ...(job && status === 'training' ? { trainingProgress: progressOf(context, job) } : {}),
    ...(job && status === 'trained' ? { trainingStats: statsOf(job) } : {}),
  } as Model;
}

/** A training image as the API shows it: its asset's id, signed URL and description (the caption). */
function trainingImageView(context: EmulatorContext, image: ModelRecord['trainingImages'][number]): TrainingImage {
  const asset = context.store.assets.get(image.assetId);
  return {
    id: image.assetId,
    name: image.name,
    createdAt: isoDate(image.createdAt),
    downloadUrl: asset ? signedAssetUrl(context, asset.id) : '',
    description: asset?.description ?? '',
    automaticCaptioning: image.automaticCaptioning,
  };
}

/** Stage, progress and the time left of a running training, from its job's time line. */
function progressOf(context: EmulatorContext, job: JobRecord): TrainingProgress {
  const now = context.options.clock.now();
  const { progress } = jobState(context, job);
  const stage = STAGES.findLast((entry) => progress >= entry.from)?.stage ?? 'pending';
  return {
    stage,
    progress,
    remainingTimeMs: Math.max(0, job.createdAt + job.durationMs - now),
    startedAt: job.createdAt,
    updatedAt: now,
    ...(stage === 'queued-for-train' ? { position: 0 } : {}),
  };
}

/** When a training's job ended, if it did. */
function endOf(context: EmulatorContext, job: JobRecord | undefined): number | undefined {
  if (!job) return undefined;
  const ended = jobState(context, job).history.find((entry) => entry.status in MODEL_STATUS_OF_JOB);
  return ended ? Date.parse(ended.date) : undefined;
}

/** `trainingStats` of a trained model: when it ran and for how long. */
function statsOf(job: JobRecord) {
  const queueMs = job.durationMs * (STAGES[3]?.from ?? 0);
  const endedAt = job.createdAt + job.durationMs;
  return {
    startedAt: isoDate(job.createdAt),
    endedAt: isoDate(endedAt),
    queueDuration: queueMs / 1000,
    trainDuration: (job.durationMs - queueMs) / 1000,
  };
}

/**
 * A model created with `POST /models` as the catalog's lookups see it: its live view and, for
 * one whose type trains, the base family the typed endpoints run it on; once trained, the
 * images it learnt from.
 */
function createdModel(context: EmulatorContext, id: string, listed = false): CatalogModel | undefined {
  const record = context.store.createdModels.get(id);
  if (!record) return undefined;
  const wire = modelView(context, record, listed);
  const family = TRAINABLE_TYPES[record.type]?.family;
  const trainedOn =
    wire.status === 'trained'
      ? record.trainingImages.flatMap((image) => context.store.assets.get(image.assetId)?.bytes ?? [])
      : undefined;
  return { wire, ...(family ? { family } : {}), ...(trainedOn ? { trainedOn } : {}) };
}

/** Every created model, as a listing shows them. */
export const createdModels = (context: EmulatorContext): CatalogModel[] =>
  [...context.store.createdModels.keys()].flatMap((id) => createdModel(context, id, true) ?? []);

/** A model by id: from the catalog, else one created with `POST /models`. */
export const findModel = (context: EmulatorContext, id: string): CatalogModel | undefined =>
  context.models.get(id) ?? createdModel(context, id);
