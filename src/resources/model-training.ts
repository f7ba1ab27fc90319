import * as z from 'zod/mini';
import { APIUserAbortError, InvalidRequestError, isScenarioError, messageOf, TrainingError } from '../core/errors.js';
import type { CallOptions, CheckedRunOptions } from '../core/options.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import { prepareTrainingImages, TrainingImageInputSchema } from '../lib/training-image-inputs.js';
import { waitForTraining } from '../lib/wait-for-training.js';
import { type CostEstimate, PromptSchema } from '../schemas/generation.js';
import { type Model, ModelEnvelopeSchema } from '../schemas/model.js';
import {
  DEFAULT_TRAINING_TYPE,
  ModelDescriptionSchema,
  ModelNameSchema,
  TRAINABLE_MODEL_STATUSES,
  TRAINING_LIMITS,
  TrainableModelTypeSchema,
  type TrainingParameters,
  TrainingParametersSchema,
  TrainingPresetSchema,
  type TrainResponse,
  TrainResponseSchema,
} from '../schemas/training.js';
import { type GenerationRequest, quoteDryRun } from './generation-calls.js';
import { postModel } from './models-calls.js';
import { addPreparedTrainingImages, type GetModel, setTrainingImagePairs } from './training-images-calls.js';

/** A before/after pair for a model that learns an edit: two training images and the instruction between them. */
export const TrainingPairInputSchema = z.strictObject({
  /** The image before the edit: any image input, or `{ image, caption }`. */
  source: TrainingImageInputSchema,
  /** The image after the edit. */
  target: TrainingImageInputSchema,
  /** The edit in words, as a prompt would ask for it: `turn the photo into a watercolour`. */
  instruction: PromptSchema,
});
/** What the caller passes, as {@link TrainingPairInputSchema}. */
export type TrainingPairInput = z.input<typeof TrainingPairInputSchema>;

/**
 * Params of `client.models.train()`. `images` (or `pairs`, for a type that learns an edit) must
 * number what the type trains on (see `TRAINING_LIMITS`); `parameters` are optional, each with a
 * default that suits the type and the number of images. Unknown keys are refused.
 */
export const ModelTrainParamsSchema = z
  .strictObject({
    /** The model's name, as listings show it (1–64 characters). */
    name: ModelNameSchema,
    /** What to train: `flux.1-lora` (default), `flux.1-krea-lora`, `sd-xl-lora`, `sd-1_5-lora`, or `flux.1-kontext-lora` (an edit, from `pairs`). */
    type: z.optional(TrainableModelTypeSchema),
    /** The images to learn from (5–100): any image inputs, or `{ image, caption }`. */
    images: z.optional(z.array(TrainingImageInputSchema)),
    /** The before/after pairs to learn an edit from (2–50), for `flux.1-kontext-lora`. */
    pairs: z.optional(z.array(TrainingPairInputSchema)),
    /** How the images are captioned automatically: `style` (the look is what is learnt) or `subject`. */
    preset: z.optional(TrainingPresetSchema),
    /** Training parameters; each defaults to what suits the type and the number of images. */
    parameters: z.optional(TrainingParametersSchema),
    shortDescription: z.optional(ModelDescriptionSchema),
  })
  .check(
    // Also when other fields are wrong, so that every problem is reported at once.
    z.superRefine(
      (params, context) => {
        const type = params.type ?? DEFAULT_TRAINING_TYPE;
        if (!(type in TRAINING_LIMITS)) return; // an unknown type is its own issue
        for (const issue of datasetIssues(type, params))
          context.issues.push({ code: 'custom', input: params, ...issue });
      },
      { when: ({ value }) => typeof value === 'object' && value !== null },
    ),
  );
/** What the caller passes, as {@link ModelTrainParamsSchema}. */
export type ModelTrainParams = z.input<typeof ModelTrainParamsSchema>;

/** What a training was started with: the model (now `training`), its job and what it costs. */
export type TrainingStart = TrainResponse;

/** What the training functions need from the client. */
export interface TrainingClient {
  transport: Transport;
  /** `GET /models/{id}`, remembered by the client. */
  getModel: GetModel;
}

type Dataset = { images?: readonly unknown[] | undefined; pairs?: readonly unknown[] | undefined };

/** What is wrong with a dataset for a model `type`: the wrong kind, too few or too many, too many steps. */
function datasetIssues(
  type: keyof typeof TRAINING_LIMITS,
  { images, pairs, parameters }: Dataset & { parameters?: TrainingParameters | undefined },
): { path: string[]; message: string }[] {
  const limits = TRAINING_LIMITS[type];
  const [field, other] = limits.unit === 'pair' ? (['pairs', 'images'] as const) : (['images', 'pairs'] as const);
  const given = limits.unit === 'pair' ? pairs : images;
  const issues: { path: string[]; message: string }[] = [];
  if ((limits.unit === 'pair' ? images : pairs) !== undefined) {
    issues.push({ path: [other], message: `a ${type} trains on ${field}, not ${other}` });
  }
  const count = Array.isArray(given) ? given.length : 0;
  if (count < limits.min || count > limits.max) {
    issues.push({
      path: [field],
      message: `a ${type} trains on ${limits.min} to ${limits.max} ${field}; got ${count}`,
    });
  }
  const steps = parameters?.maxTrainSteps;
  if (typeof steps === 'number' && steps > limits.maxTrainSteps) {
    issues.push({
      path: ['parameters', 'maxTrainSteps'],
      message: `at most ${limits.maxTrainSteps} for a ${type}; got ${steps}`,
    });
  }
  return issues;
}

/**
 * Refuses, before the billed `PUT /models/{id}/train`, to train a model the SDK knows cannot be:
 * one already training or trained, of a type that does not train, or with too few or too many
 * training images for its type.
 */
function checkTrainable(model: Model, parameters: TrainingParameters | undefined): void {
  const problems: string[] = [];
  const status = model.status ?? 'new';
  if (!(TRAINABLE_MODEL_STATUSES as readonly string[]).includes(status)) {
    problems.push(
      status === 'training'
        ? `model ${model.id} is already training: wait for it with client.models.waitForTraining('${model.id}')`
        : `model ${model.id} is ${status}; a training starts from ${TRAINABLE_MODEL_STATUSES.join(', ')}`,
    );
  }
  const type = model.type ?? DEFAULT_TRAINING_TYPE;
  if (!(type in TRAINING_LIMITS)) {
    problems.push(
      `model ${model.id} is a ${type}, which does not train (${Object.keys(TRAINING_LIMITS).join(', ')} do)`,
    );
  } else {
    const limits = TRAINING_LIMITS[type as keyof typeof TRAINING_LIMITS];
    const dataset =
      limits.unit === 'pair'
        ? { pairs: model.trainingImagePairs ?? [] }
        : model.trainingImagesNumber === undefined
          ? {}
          : { images: Array.from({ length: model.trainingImagesNumber }) };
    const known = limits.unit === 'pair' || dataset.images !== undefined;
    for (const issue of datasetIssues(type as keyof typeof TRAINING_LIMITS, { ...dataset, parameters })) {
      if (known || issue.path[0] === 'parameters') problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidRequestError(
      'training',
      problems.map((message) => ({ path: 'modelId', message })),
    );
  }
}

/**
 * `client.models.startTraining`, the options checked: the parameters checked, then the model read
 * and refused (`InvalidRequestError`) when it cannot train, before the billed request.
 */
export async function startTraining(
  client: TrainingClient,
  modelId: string,
  parameters: TrainingParameters | undefined,
  options: CallOptions,
): Promise<TrainingStart> {
  const checked = checkedParameters(parameters);
  checkTrainable(await client.getModel(modelId, options), checked);
  return startModelTraining(client.transport, modelId, checked, options);
}

/**
 * `client.models.estimateTraining`, the options checked: `PUT /models/{id}/train?dryRun=true`,
 * the training's price; nothing starts.
 */
export function estimateTraining(
  transport: Transport,
  modelId: string,
  parameters: TrainingParameters | undefined,
  options: CallOptions,
): Promise<CostEstimate> {
  return quoteDryRun(transport, { method: 'PUT', ...trainRequest(modelId, checkedParameters(parameters)) }, options);
}

function checkedParameters(parameters: TrainingParameters | undefined): TrainingParameters | undefined {
  return parameters === undefined ? undefined : parseInput(TrainingParametersSchema, parameters, 'training parameters');
}

/** Where and what to `PUT` to train a model, or to quote its training. */
function trainRequest(modelId: string, parameters: TrainingParameters | undefined): GenerationRequest {
  return { path: path`/models/${modelId}/train`, body: parameters === undefined ? {} : { parameters } };
}

/** `PUT /models/{id}/train`: billed, never repeated once the server may have started the training. */
function startModelTraining(
  transport: Transport,
  modelId: string,
  parameters: TrainingParameters | undefined,
  options: CallOptions,
): Promise<TrainingStart> {
  return transport.request({
    method: 'PUT',
    ...trainRequest(modelId, parameters),
    schema: TrainResponseSchema,
    retry: 'billed',
    options,
  });
}

/** `POST /models/{id}/train/action` `{ action: 'cancel' }`; cancelling twice is harmless. */
export async function cancelModelTraining(transport: Transport, modelId: string, options: CallOptions): Promise<Model> {
  const { model } = await transport.request({
    method: 'POST',
    path: path`/models/${modelId}/train/action`,
    body: { action: 'cancel' },
    schema: ModelEnvelopeSchema,
    retry: 'idempotent',
    options,
  });
  return model;
}

/** Waits for a model's training with the client's requests, options already checked. */
export function waitForModelTraining(
  client: TrainingClient,
  model: string | Model,
  { call, wait }: CheckedRunOptions<Model>,
): Promise<Model> {
  return waitForTraining(
    model,
    {
      getModel: (modelId, signal) => client.getModel(modelId, { ...call, signal }),
      cancelTraining: (modelId, signal) => cancelModelTraining(client.transport, modelId, { ...call, signal }),
      logger: client.transport.logger,
      redact: client.transport.redact,
    },
    wait,
  );
}

/**
 * The whole training in one call: reads and checks every image (nothing sent if one is bad),
 * creates the model, adds the images (4 at a time, captions included) and any pairs, starts the
 * training and waits for it. Every failure once the model exists names it (`modelId`) and says
 * how to go on from where it stopped.
 */
export async function trainModel(
  client: TrainingClient,
  params: ModelTrainParams,
  run: CheckedRunOptions<Model>,
): Promise<Model> {
  const { transport } = client;
  const { call } = run;
  const valid = parseInput(ModelTrainParamsSchema, params, 'train params');
  const { name, type = DEFAULT_TRAINING_TYPE, images, pairs, preset, parameters, shortDescription } = valid;
  const ctx = { transport, options: call };
  const prepared = pairs
    ? await prepareTrainingImages(
        pairs.flatMap((pair) => [pair.source, pair.target]),
        'pairs',
        ctx,
      )
    : await prepareTrainingImages(images ?? [], 'images', ctx);
  const model = await postModel(transport, { name, type, shortDescription }, call);
  const progress = new TrainingSteps(model.id, prepared.length);
  try {
    const added = await addPreparedTrainingImages(transport, model.id, prepared, preset, call, () => progress.added++);
    if (pairs) {
      await setTrainingImagePairs(
        transport,
        model.id,
        pairs.map((pair, index) => ({
          sourceId: (added[2 * index] as { id: string }).id,
          targetId: (added[2 * index + 1] as { id: string }).id,
          instruction: pair.instruction,
        })),
        call,
      );
    }
    progress.step = 'start';
    const started = await startModelTraining(transport, model.id, parameters, call);
    progress.step = 'wait';
    return await waitForModelTraining(client, started.model, run);
  } catch (error) {
    throw progress.error(error);
  }
}

/** Where a one-call training is, so that its errors say how to go on from there. */
class TrainingSteps {
  step: 'images' | 'start' | 'wait' = 'images';
  added = 0;

  constructor(
    readonly modelId: string,
    readonly total: number,
  ) {}

  /** The error to throw: already naming the model (the wait's), or wrapped with the model id and what to do next. */
  error(error: unknown): unknown {
    if (this.step === 'wait' || (isScenarioError(error) && 'modelId' in error && error.modelId === this.modelId)) {
      return error;
    }
    const id = this.modelId;
    const next =
      this.step === 'images'
        ? `Model ${id} exists with ${this.added} of its ${this.total} training images: add the others with client.models.trainingImages.add('${id}', …) and start it with client.models.startTraining('${id}'), or delete it with client.models.delete('${id}').`
        : `The training of model ${id} may have started (and be billed): check with client.models.get('${id}'); if it is training, resume with client.models.waitForTraining('${id}'), else start it with client.models.startTraining('${id}').`;
    const what = this.step === 'images' ? 'adding its training images' : 'starting its training';
    if (error instanceof APIUserAbortError) {
      return new APIUserAbortError(`Stopped training model ${id} while ${what}: aborted. ${next}`, {
        cause: error.cause,
        modelId: id,
      });
    }
    return new TrainingError(id, `Training model ${id} failed while ${what}: ${messageOf(error)}. ${next}`, {
      cause: error,
    });
  }
}
