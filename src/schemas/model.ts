import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';
import { optionalField } from './optional-field.js';

/**
 * The message a model gives when a conditional requirement applies. The live API sends
 * `{ message }`; the swagger's prose also allows the message alone, read as `{ message }`.
 */
const conditionShape = { message: optionalField(z.string()) };
/**
 * One condition of a {@link ModelInputRequired} rule, keyed by the other input's name.
 *
 * @interface
 */
export type ModelInputCondition = KnownFields<typeof conditionShape>;
/** Schema of {@link ModelInputCondition}. */
export const ModelInputConditionSchema: z.ZodMiniType<ModelInputCondition, unknown> = z.pipe(
  z.union([z.string(), responseObject(conditionShape)]),
  z.transform((condition) => (typeof condition === 'string' ? { message: condition } : condition)),
);

/** Conditions keyed by the name of the input they depend on. */
const conditions = optionalField(z.record(z.string(), ModelInputConditionSchema));

const modelInputRequiredShape = {
  always: optionalField(z.boolean()),
  /** Required when any input named here is given: `{ lastFrameImage: { message: 'A first frame must be provided if a last frame is set.' } }`. */
  ifDefined: conditions,
  /** Required when an input named here is not given; two inputs naming each other means "one of the two". */
  ifNotDefined: conditions,
  /** Required depending on other inputs' values, keyed by their names; the server checks it. */
  conditionalValues: optionalField(z.record(z.string(), z.unknown())),
  /** Required for some kinds of run only, e.g. `{ inferenceType: ['img2img'] }`; the server checks it. */
  when: optionalField(responseObject({ inferenceType: optionalField(z.array(z.string())) })),
};
/**
 * When a model input is required: always, or depending on other inputs (keyed by their names).
 * `client.custom` with `validate` refuses a call that misses an input whose requirement applies,
 * with the model's own message.
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
  label: optionalField(z.string()),
  description: optionalField(z.string()),
  /** The value the server uses when the input is left out (`""` and `-1` are real values: "none", "auto"). */
  default: optionalField(z.unknown()),
  min: optionalField(z.number()),
  max: optionalField(z.number()),
  step: optionalField(z.number()),
  /** The values a `string` or `number` input takes, or each item of an array input. */
  allowedValues: optionalField(z.array(z.unknown())),
  /** Characters of a `string` input; items of an array input (`string_array`, `file_array`, …). */
  minLength: optionalField(z.number()),
  /** Characters of a `string` input; items of an array input (`string_array`, `file_array`, …). */
  maxLength: optionalField(z.number()),
  /** Bytes of a file input. */
  maxSize: optionalField(z.number()),
  /** `image`, `video`, `audio`, `3d`… of a file input, or newer. */
  kind: optionalField(z.string()),
  required: optionalField(ModelInputRequiredSchema),
  group: optionalField(z.string()),
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
  stage: optionalField(TrainingStageSchema),
  /** 0 to 1. */
  progress: optionalField(z.number()),
  /** What the server expects the rest to take, in ms. */
  remainingTimeMs: optionalField(z.number()),
  /** Trainings ahead of this one in the queue. */
  position: optionalField(z.number()),
  /** When the stage began, in ms since the epoch. */
  startedAt: optionalField(z.number()),
  /** When the server last updated the progress, in ms since the epoch. */
  updatedAt: optionalField(z.number()),
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
  name: optionalField(z.string()),
  /** A signed URL of the image. */
  downloadUrl: optionalField(z.string()),
  /** The caption training uses, when one was set (the asset's description). */
  description: optionalField(z.string()),
  /** The caption Scenario wrote for the image; training falls back to it when no `description` is set. */
  automaticCaptioning: optionalField(z.string()),
  createdAt: optionalField(z.string()),
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
  sourceId: optionalField(z.string()),
  /** The training image (id) the edit should produce. */
  targetId: optionalField(z.string()),
  /** What turns the source into the target, as a prompt would say it. */
  instruction: optionalField(z.string()),
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
  name: optionalField(z.string()),
  /** `custom`, `flux.1-lora`, `flux.2-dev-lora`…: new types come as plain strings. */
  type: optionalField(z.string()),
  status: optionalField(ModelStatusSchema),
  privacy: optionalField(z.string()),
  /** `txt2img`, `img2img`, `img2video`, `txt23d`…: new capabilities come as plain strings. */
  capabilities: optionalField(z.array(z.string())),
  tags: optionalField(z.array(z.string())),
  /** Present on models run through `/generate/custom`, in `GET /models/{id}` only: listings leave it out. */
  inputs: optionalField(z.array(ModelInputSchema)),
  ownerId: optionalField(z.string()),
  createdAt: optionalField(z.string()),
  updatedAt: optionalField(z.string()),
  shortDescription: optionalField(z.string()),
  /** Set while the model trains (`status: 'training'`). */
  trainingProgress: optionalField(TrainingProgressSchema),
  /** How many images the model trains on. */
  trainingImagesNumber: optionalField(z.number()),
  /** The training images: all of them from `GET /models/{id}`, the first few in listings. */
  trainingImages: optionalField(z.array(TrainingImageSchema)),
  /** The before/after pairs of a model that learns an edit. */
  trainingImagePairs: optionalField(z.array(TrainingImagePairSchema)),
  /** The training parameters (`maxTrainSteps`, `learningRate`, …) as set on the model. */
  parameters: optionalField(z.record(z.string(), z.unknown())),
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
  nextPaginationToken: optionalField(z.string()),
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
