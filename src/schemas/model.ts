import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';

const modelInputRequiredShape = {
  always: z.optional(z.boolean()),
  ifDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  ifNotDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  conditionalValues: z.optional(z.unknown()),
};
/**
 * When a model input is required: always, or depending on other inputs.
 *
 * @interface
 */
export type ModelInputRequired = KnownFields<typeof modelInputRequiredShape>;
/** Schema of {@link ModelInputRequired}. */
export const ModelInputRequiredSchema: ObjectSchema<typeof modelInputRequiredShape, ModelInputRequired> =
  responseObject(modelInputRequiredShape);

const modelInputShape = {
  name: z.string(),
  /** `boolean | file | file_array | inputs_array | model | model_array | number | number_array | string | string_array`, or newer. */
  type: z.string(),
  label: z.optional(z.string()),
  description: z.optional(z.string()),
  default: z.optional(z.unknown()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  step: z.optional(z.number()),
  allowedValues: z.optional(z.array(z.unknown())),
  minLength: z.optional(z.number()),
  maxLength: z.optional(z.number()),
  maxSize: z.optional(z.number()),
  kind: z.optional(z.string()),
  required: z.optional(ModelInputRequiredSchema),
  group: z.optional(z.string()),
};
/**
 * One input of a model's contract, as `GET /models/{id}` lists it in `inputs[]`.
 *
 * @interface
 */
export type ModelInput = KnownFields<typeof modelInputShape>;
/** Schema of {@link ModelInput}. */
export const ModelInputSchema: ObjectSchema<typeof modelInputShape, ModelInput> = responseObject(modelInputShape);

/** Known model statuses: a trained model moves `new` → `training` → `trained` (or `failed`, `training-canceled`). */
export const KNOWN_MODEL_STATUSES = ['new', 'training', 'trained', 'failed', 'training-canceled', 'copying'] as const;
/** A model status: one of {@link KNOWN_MODEL_STATUSES}, or a newer one the SDK does not know yet. */
export type ModelStatus = OpenEnum<(typeof KNOWN_MODEL_STATUSES)[number]>;
/** Schema of {@link ModelStatus}. */
export const ModelStatusSchema: z.ZodMiniType<ModelStatus> = openEnum(KNOWN_MODEL_STATUSES);

/** Known stages of a training in progress, in the order a training goes through them. */
export const KNOWN_TRAINING_STAGES = ['pending', 'queued-for-train', 'starting-train', 'running-train'] as const;
/** A training stage: one of {@link KNOWN_TRAINING_STAGES}, or a newer one. */
export type TrainingStage = OpenEnum<(typeof KNOWN_TRAINING_STAGES)[number]>;
/** Schema of {@link TrainingStage}. */
export const TrainingStageSchema: z.ZodMiniType<TrainingStage> = openEnum(KNOWN_TRAINING_STAGES);

const trainingProgressShape = {
  stage: z.optional(TrainingStageSchema),
  /** 0 to 1. */
  progress: z.optional(z.number()),
  /** What the server expects the rest to take, in ms. */
  remainingTimeMs: z.optional(z.number()),
  /** Trainings ahead of this one in the queue. */
  position: z.optional(z.number()),
  /** When the stage began, in ms since the epoch. */
  startedAt: z.optional(z.number()),
  /** When the server last updated the progress, in ms since the epoch. */
  updatedAt: z.optional(z.number()),
};
/**
 * Where a training is: its stage and progress, on a model whose status is `training`.
 *
 * @interface
 */
export type TrainingProgress = KnownFields<typeof trainingProgressShape>;
/** Schema of {@link TrainingProgress}. */
export const TrainingProgressSchema: ObjectSchema<typeof trainingProgressShape, TrainingProgress> =
  responseObject(trainingProgressShape);

const trainingImageShape = {
  /** The training image's id: an asset id (`asset_…`). */
  id: z.string(),
  /** The original file name. */
  name: z.optional(z.string()),
  /** A signed URL of the image. */
  downloadUrl: z.optional(z.string()),
  /** The caption training uses, when one was set (the asset's description). */
  description: z.nullish(z.string()),
  /** The caption Scenario wrote for the image; training falls back to it when no `description` is set. */
  automaticCaptioning: z.nullish(z.string()),
  createdAt: z.optional(z.string()),
};
/**
 * One image a model trains on. Its `id` is an asset id: captions are that asset's description.
 *
 * @interface
 */
export type TrainingImage = KnownFields<typeof trainingImageShape>;
/** Schema of {@link TrainingImage}. */
export const TrainingImageSchema: ObjectSchema<typeof trainingImageShape, TrainingImage> =
  responseObject(trainingImageShape);

const trainingImagePairShape = {
  /** The training image (id) the edit starts from. */
  sourceId: z.optional(z.string()),
  /** The training image (id) the edit should produce. */
  targetId: z.optional(z.string()),
  /** What turns the source into the target, as a prompt would say it. */
  instruction: z.optional(z.string()),
};
/**
 * A before/after pair of training images, for the model types that learn an edit (`flux.1-kontext-lora`).
 *
 * @interface
 */
export type TrainingImagePair = KnownFields<typeof trainingImagePairShape>;
/** Schema of {@link TrainingImagePair}. */
export const TrainingImagePairSchema: ObjectSchema<typeof trainingImagePairShape, TrainingImagePair> =
  responseObject(trainingImagePairShape);

const modelShape = {
  id: z.string(),
  name: z.optional(z.string()),
  type: z.optional(z.string()),
  status: z.optional(ModelStatusSchema),
  privacy: z.optional(z.string()),
  capabilities: z.optional(z.array(z.string())),
  tags: z.optional(z.array(z.string())),
  /** Present on models run through `/generate/custom`. */
  inputs: z.optional(z.array(ModelInputSchema)),
  ownerId: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  shortDescription: z.nullish(z.string()),
  /** Set while the model trains (`status: 'training'`). */
  trainingProgress: z.nullish(TrainingProgressSchema),
  /** How many images the model trains on. */
  trainingImagesNumber: z.optional(z.number()),
  /** The training images: all of them from `GET /models/{id}`, the first few in listings. */
  trainingImages: z.nullish(z.array(TrainingImageSchema)),
  /** The before/after pairs of a model that learns an edit. */
  trainingImagePairs: z.nullish(z.array(TrainingImagePairSchema)),
  /** The training parameters (`maxTrainSteps`, `learningRate`, …) as set on the model. */
  parameters: z.nullish(z.record(z.string(), z.unknown())),
};
/**
 * A model: built-in, public or trained; `inputs` is its contract for `client.custom`.
 *
 * @interface
 */
export type Model = KnownFields<typeof modelShape>;
/** Schema of {@link Model}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const ModelSchema: ObjectSchema<typeof modelShape, Model> = responseObject(modelShape);

/** `{ model }` envelope. */
export const ModelEnvelopeSchema = responseObject({ model: ModelSchema });

const modelListResponseShape = {
  models: z.array(ModelSchema),
  nextPaginationToken: z.nullish(z.string()),
};
/**
 * One page of `GET /models`.
 *
 * @interface
 */
export type ModelListResponse = KnownFields<typeof modelListResponseShape>;
/** `{ models, nextPaginationToken? }` of `GET /models`. */
export const ModelListResponseSchema: ObjectSchema<typeof modelListResponseShape, ModelListResponse> =
  responseObject(modelListResponseShape);

/** Query of `client.models.list()` (`GET /models`); the project comes from the client's or the call's `projectId`. */
export const ModelListQuerySchema = z.strictObject({
  /** Models per page, 1–500. Server default 100. */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.optional(z.string().check(z.minLength(1))),
  /** `private` (your project's, the default) or `public` (Scenario's catalogue). */
  privacy: z.optional(z.enum(['private', 'public'])),
  /** Only models with this status, e.g. `trained`. */
  status: z.optional(z.string().check(z.minLength(1))),
  /** Only the models in this collection. */
  collectionId: z.optional(z.string().check(z.minLength(1))),
  /** `true` lists the models blacklisted for the team (team admins only). */
  blacklisted: z.optional(z.boolean()),
  /** `true` lists only the models loaded on a GPU now. */
  loadedOnly: z.optional(z.boolean()),
  /** `true` returns the original assets, without transformation. */
  originalAssets: z.optional(z.boolean()),
});
/** What the caller passes, as {@link ModelListQuerySchema}. */
export type ModelListQuery = z.input<typeof ModelListQuerySchema>;
