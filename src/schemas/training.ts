import * as z from 'zod/mini';
import { extraField } from './extra-field.js';
import { ConceptSchema, FractionSchema, PromptSchema } from './generation.js';
import { JobSchema } from './job.js';
import { ModelSchema, TrainingImagePairSchema, TrainingImageSchema } from './model.js';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { optionalField } from './optional-field.js';

/** Every model type the API knows (`type` of `POST /models`); only {@link TRAINABLE_MODEL_TYPES} train on images. */
export const MODEL_TYPES = [
  'custom',
  'flux.1',
  'flux.1-composition',
  'flux.1-kontext-dev',
  'flux.1-kontext-lora',
  'flux.1-krea-dev',
  'flux.1-krea-lora',
  'flux.1-lora',
  'flux.1-pro',
  'flux.1.1-pro-ultra',
  'flux1.1-pro',
  'gpt-image-1',
  'sd-1_5',
  'sd-1_5-composition',
  'sd-1_5-lora',
  'sd-xl',
  'sd-xl-composition',
  'sd-xl-lora',
] as const;
/** A model type, as {@link MODEL_TYPES} lists them. */
export type ModelType = (typeof MODEL_TYPES)[number];
/** Schema of {@link ModelType}. */
export const ModelTypeSchema = z.enum(MODEL_TYPES);

/** What a training needs per model type: what it learns from, how many, and the step cap. */
export interface TrainingLimits {
  /** `image`: single images of one style or subject. `pair`: before/after pairs with an instruction (an edit). */
  unit: 'image' | 'pair';
  /** Fewest images (or pairs) the SDK trains on. */
  min: number;
  /** Most images (or pairs) the SDK trains on. */
  max: number;
  /** The largest `maxTrainSteps` the API takes for the type. */
  maxTrainSteps: number;
}

/**
 * The model types a training can produce (LoRAs), and their limits.
 *
 * - Single-image LoRAs (`flux.1-lora`, the default; `flux.1-krea-lora`, `sd-xl-lora`,
 *   `sd-1_5-lora`) train on 5 to 100 images. Scenario's own guidance is 5 to 15 images for a
 *   subject and up to about 20 for a style; fewer than 5 cannot show the model what stays
 *   constant. 100 is where Flux's default step count (100 per image) reaches its cap of
 *   10 000 steps, and the SDK applies the same ceiling to every type.
 * - `flux.1-kontext-lora` learns an edit from 2 to 50 before/after pairs (100 images), each with
 *   an instruction; Scenario documents 2 pairs as the minimum of its edit trainings.
 * - `maxTrainSteps` is capped at 10 000 for Flux types and 40 000 for Stable Diffusion ones.
 */
export const TRAINING_LIMITS = {
  'flux.1-lora': { unit: 'image', min: 5, max: 100, maxTrainSteps: 10_000 },
  'flux.1-krea-lora': { unit: 'image', min: 5, max: 100, maxTrainSteps: 10_000 },
  'flux.1-kontext-lora': { unit: 'pair', min: 2, max: 50, maxTrainSteps: 10_000 },
  'sd-xl-lora': { unit: 'image', min: 5, max: 100, maxTrainSteps: 40_000 },
  'sd-1_5-lora': { unit: 'image', min: 5, max: 100, maxTrainSteps: 40_000 },
} as const satisfies Record<string, TrainingLimits>;

/** The model types a training produces, as {@link TRAINING_LIMITS} lists them. */
export const TRAINABLE_MODEL_TYPES = Object.keys(TRAINING_LIMITS) as TrainableModelType[];
/** A model type that trains on images: `flux.1-lora`, `flux.1-krea-lora`, `flux.1-kontext-lora`, `sd-xl-lora`, `sd-1_5-lora`. */
export type TrainableModelType = keyof typeof TRAINING_LIMITS;
/** Schema of {@link TrainableModelType}. */
export const TrainableModelTypeSchema = z.enum(
  Object.keys(TRAINING_LIMITS) as [TrainableModelType, ...TrainableModelType[]],
);

/** The type a training produces when none is given. */
export const DEFAULT_TRAINING_TYPE: TrainableModelType = 'flux.1-lora';

/**
 * Model statuses a training can start from: a new model, or one whose last training failed or
 * was canceled. A `trained` model is not retrained: train a new one.
 */
export const TRAINABLE_MODEL_STATUSES = ['new', 'failed', 'training-canceled'] as const;

/**
 * How training images are captioned automatically: `style` describes what the images show so
 * the look is what the model learns; `subject` centres the captions on the recurring subject.
 * `default` lets Scenario choose.
 */
export const TrainingPresetSchema = z.enum(['default', 'style', 'subject']);
/** {@link TrainingPresetSchema} as a type. */
export type TrainingPreset = z.output<typeof TrainingPresetSchema>;

const steps = z.number().check(z.int(), z.minimum(0), z.maximum(40_000));
const positive = z.number().check(z.positive());

/**
 * Training parameters (`PUT /models/{id}/train`), as the API's reference lists them. Each has a
 * default that depends on the model type and the number of images; most trainings set none.
 */
export const TrainingParametersSchema = z.strictObject({
  /** Maximum training steps. Default: 100 per image (Flux), 175 (SDXL), 75 (SD 1.5); at most 10 000 for Flux. */
  maxTrainSteps: z.optional(steps),
  /** Initial learning rate. Default 0.0001 (Flux), 0.000005 (SD). */
  learningRate: z.optional(positive),
  /** Text encoder learning rate, at most 0.001. */
  learningRateTextEncoder: z.optional(z.number().check(z.positive(), z.maximum(0.001))),
  /** UNet learning rate (SDXL). */
  learningRateUnet: z.optional(positive),
  /** Epochs (Flux), 1–30. */
  nbEpochs: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(30))),
  /** Repeats per image and epoch (Flux), 1–30. */
  nbRepeats: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(30))),
  /** Batch size (Flux), 1–4: fewer steps, a higher learning rate. */
  batchSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
  /** LoRA rank, 4–64. Default 16 (Flux), 64 (SDXL). */
  rank: z.optional(z.number().check(z.int(), z.minimum(4), z.maximum(64))),
  /** `likeness`: train the blocks that hold a face or a portrait (Flux). */
  optimizeFor: z.optional(z.enum(['likeness'])),
  /** The instance prompt with its identifier, e.g. `a daiton dog`. */
  conceptPrompt: z.optional(z.string()),
  /** The class prompt (SD 1.5). */
  classPrompt: z.optional(z.string()),
  /** A prompt per epoch sample (Flux). */
  samplePrompts: z.optional(z.array(z.string())),
  /** Asset ids paired with `samplePrompts` (Flux). */
  sampleSourceImages: z.optional(z.array(z.string())),
  /** Reproducible training (SD). */
  seed: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER))),
  numTextTrainSteps: z.optional(steps),
  numUNetTrainSteps: z.optional(steps),
  priorLossWeight: z.optional(positive),
  randomCrop: z.optional(z.boolean()),
  randomCropRatio: z.optional(FractionSchema),
  randomCropScale: z.optional(FractionSchema),
  lrScheduler: z.optional(
    z.enum(['constant', 'constant-with-warmup', 'cosine', 'cosine-with-restarts', 'linear', 'polynomial']),
  ),
  textEncoderTrainingRatio: z.optional(z.number().check(z.minimum(0), z.maximum(0.99))),
  validationFrequency: z.optional(z.number().check(z.minimum(0))),
  validationPrompt: z.optional(z.string()),
  scaleLr: z.optional(z.boolean()),
  /** A Weights & Biases key for training logs, at most 40 characters. */
  wandbKey: z.optional(z.string().check(z.maxLength(40))),
});
/** {@link TrainingParametersSchema} as a type. */
export type TrainingParameters = z.output<typeof TrainingParametersSchema>;

/** A model's name: what listings show. */
export const ModelNameSchema = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(64));
/** A model's short description. */
export const ModelDescriptionSchema = z.string().check(z.maxLength(256));

/** Body of `POST /models`. */
export const ModelCreateBodySchema = z.strictObject({
  /** Shown in listings; generated from the training data when omitted. */
  name: z.optional(ModelNameSchema),
  shortDescription: z.optional(ModelDescriptionSchema),
  /** The model type; it sets the base model a training starts from. */
  type: z.optional(ModelTypeSchema),
  /** Set from `type` by the API; leave it out unless you know better. */
  baseModelId: z.optional(z.string().check(z.minLength(1))),
  classSlug: z.optional(z.string().check(z.minLength(1))),
  collectionIds: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** The LoRAs of a composition model. */
  concepts: z.optional(z.array(ConceptSchema)),
});
/** {@link ModelCreateBodySchema} as a type. */
export type ModelCreateBody = z.output<typeof ModelCreateBodySchema>;

/** Body of `PUT /models/{modelId}`. */
export const ModelUpdateBodySchema = z.strictObject({
  name: z.optional(ModelNameSchema),
  shortDescription: z.optional(ModelDescriptionSchema),
  /** Only while the model is `new`. */
  type: z.optional(ModelTypeSchema),
  classSlug: z.optional(z.string().check(z.minLength(1))),
  /** An asset id shown as the model's thumbnail. */
  thumbnail: z.optional(z.string().check(z.minLength(1))),
  /** The epoch generations use (Flux LoRAs with epochs, once trained). */
  epoch: z.optional(z.string().check(z.minLength(1))),
  promptEmbedding: z.optional(z.string()),
  negativePromptEmbedding: z.optional(z.string()),
  concepts: z.optional(z.array(ConceptSchema)),
  /** Training parameters kept on the model for its next training. */
  parameters: z.optional(TrainingParametersSchema),
});
/** {@link ModelUpdateBodySchema} as a type. */
export type ModelUpdateBody = z.output<typeof ModelUpdateBodySchema>;

/** Most asset ids one `POST /models/{id}/training-images` takes in `assetIds`. */
export const MAX_TRAINING_IMAGE_IDS_PER_CALL = 10;

/** Body of `POST /models/{id}/training-images` and `PUT …/training-images/{trainingImageId}`: one image as a data URL or an asset id, or up to 10 asset ids. */
export const TrainingImageBodySchema = z.strictObject({
  /** The image as a data URL. */
  data: z.optional(z.string()),
  /** Its file name, with `data`. */
  name: z.optional(z.string()),
  /** An asset to train on; `data` and `name` are then ignored. */
  assetId: z.optional(z.string()),
  /** Up to 10 assets at once; not with `assetId` or `data`. */
  assetIds: z.optional(z.array(z.string()).check(z.maxLength(MAX_TRAINING_IMAGE_IDS_PER_CALL))),
  preset: z.optional(TrainingPresetSchema),
});
/** {@link TrainingImageBodySchema} as a type. */
export type TrainingImageBody = z.output<typeof TrainingImageBodySchema>;

/** One pair of `PUT /models/{id}/training-images/pairs`: training image ids and the edit's instruction. */
export const TrainingImagePairBodySchema = z.strictObject({
  sourceId: z.string().check(z.minLength(1)),
  targetId: z.string().check(z.minLength(1)),
  instruction: PromptSchema,
});
/** {@link TrainingImagePairBodySchema} as a type. */
export type TrainingImagePairBody = z.output<typeof TrainingImagePairBodySchema>;

/** Body of `PUT /models/{id}/train`. */
export const TrainBodySchema = z.strictObject({ parameters: z.optional(TrainingParametersSchema) });

/** Body of `POST /models/{id}/train/action`; `cancel` is the only action. */
export const TrainingActionBodySchema = z.strictObject({ action: z.literal('cancel') });

/** `{ trainingImage }` answer of adding or replacing a training image. */
export const TrainingImageEnvelopeSchema = responseObject({ trainingImage: TrainingImageSchema });

const trainingImagePairsResponseShape = {
  count: optionalField(z.number()),
  pairs: z._default(z.array(TrainingImagePairSchema), []),
};
/**
 * Answer of `PUT /models/{id}/training-images/pairs`: the pairs the model now has.
 *
 * @interface
 */
export type TrainingImagePairsResponse = KnownFields<typeof trainingImagePairsResponseShape>;
/** Schema of {@link TrainingImagePairsResponse}. */
export const TrainingImagePairsResponseSchema: ObjectSchema<
  typeof trainingImagePairsResponseShape,
  TrainingImagePairsResponse
> = responseObject(trainingImagePairsResponseShape);

const trainResponseShape = {
  model: ModelSchema,
  /** The training's job (`model-training`), when the server sends it. */
  job: extraField(JobSchema),
  creativeUnitsCost: optionalField(z.number()),
  creativeUnitsDiscount: optionalField(z.number()),
};
/**
 * Answer of `PUT /models/{id}/train`: the model, now `training`, its job and what it costs.
 *
 * @interface
 */
export type TrainResponse = KnownFields<typeof trainResponseShape>;
/** Schema of {@link TrainResponse}. */
export const TrainResponseSchema: ObjectSchema<typeof trainResponseShape, TrainResponse> =
  responseObject(trainResponseShape);
