import type * as z from 'zod/mini';
import { lazyImport } from '../core/lazy-import.js';
import { listPages } from '../core/list-pages.js';
import { checkRequestOptions, checkRunOptions, type RequestOptions, type RunOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { assertId } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import type { CostEstimate } from '../schemas/generation.js';
import type { Model, ModelListQuery } from '../schemas/model.js';
import type { ModelCreateBodySchema, ModelUpdateBodySchema, TrainingParameters } from '../schemas/training.js';
import type { ModelTrainParams, TrainingClient, TrainingStart } from './model-training.js';
import type { ModelCache } from './models-calls.js';
import { TrainingImages } from './training-images.js';
import type { GetModel } from './training-images-calls.js';

/** The code of `client.models`' reads and edits, loaded with the first call. */
const modelCalls = () => lazyImport('client.models', () => import('./models-calls.js'));
/** The code of training a model, loaded with the first training call. */
const trainingCalls = () => lazyImport('model training', () => import('./model-training.js'));

/** A page of models; `for await` walks every later page too. */
export type ModelPage = Page<Model>;

/** Params of {@link Models.create}: the body of `POST /models`. */
export type ModelCreateParams = z.input<typeof ModelCreateBodySchema>;
/** Params of {@link Models.update}: the body of `PUT /models/{id}`. */
export type ModelUpdateParams = z.input<typeof ModelUpdateBodySchema>;

/**
 * Models (`/models`): built-in, public and trained ones, with the `inputs[]` contract that
 * `client.custom` checks inputs against; and training your own, in one call ({@link train}) or
 * step by step.
 *
 * @example
 * ```ts
 * const model = await client.models.get('model_upscale-v3');
 * console.log(model.inputs?.map((input) => input.name));
 * ```
 * @example train
 * ```ts
 * const trained = await client.models.train({ name: 'Studio style', images: ['./art/1.png', './art/2.png', './art/3.png', './art/4.png', './art/5.png'], preset: 'style' });
 * const { assets } = await client.txt2img.run({ modelId: trained.id, prompt: 'a lighthouse at dawn' });
 * ```
 */
export class Models {
  /** The images a model trains on: add, list, replace, delete, and the pairs of an edit model. */
  readonly trainingImages: TrainingImages;
  readonly #transport: Transport;
  readonly #cache: ModelCache;
  readonly #training: TrainingClient;

  /** @internal Built by the client as `client.models`. */
  constructor(transport: Transport, cache: ModelCache) {
    this.#transport = transport;
    this.#cache = cache;
    const getModel: GetModel = async (modelId, options) =>
      (await modelCalls()).fetchModel(transport, cache, modelId, options);
    this.#training = { transport, getModel };
    this.trainingImages = new TrainingImages(transport, getModel);
  }

  /**
   * One model (`GET /models/{modelId}`). The answer is remembered by this client, and from then
   * on `client.custom` checks inputs for this model against its `inputs[]` before sending.
   *
   * @example
   * ```ts
   * const model = await client.models.get('model_bfl-flux-2-dev');
   * ```
   */
  async get(modelId: string, options?: RequestOptions): Promise<Model> {
    const call = checkRequestOptions(options);
    return (await modelCalls()).fetchModel(this.#transport, this.#cache, modelId, call);
  }

  /**
   * Models (`GET /models`). Await it for the first page, or `for await` it for every model.
   *
   * @example
   * ```ts
   * for await (const model of client.models.list({ privacy: 'private' })) console.log(model.id, model.name);
   * ```
   */
  list(query: ModelListQuery = {}, options?: RequestOptions): PagePromise<Model> {
    const shape = async () => (await modelCalls()).modelList;
    return listPages(this.#transport, { what: 'models.list query', path: '/models', query, options, shape });
  }

  /**
   * Trains a model on your images in one call: reads and checks every image (a bad one, or too
   * few or too many for the type, sends nothing), creates the model, adds the images (4 at a
   * time; `{ image, caption }` sets a caption), starts the training and waits for it, and
   * resolves with the trained model. Generate with it by its id: `client.txt2img.run({ modelId: trained.id, … })`.
   *
   * `options` are the {@link RunOptions} of a generation: `onProgress(model, wait)` reports the
   * training's stage and progress, `waitTimeout` (default 2 hours) bounds the wait, `signal`
   * aborts, and `cancelOnAbort` then cancels the training. Once the model exists, every error
   * carries its `modelId` and says how to go on: a `TrainingError` (its `cause` the failure)
   * while adding images or starting, then `TrainingFailedError`, `TrainingCanceledError`,
   * `TrainingTimeoutError` (resume with {@link waitForTraining}) or `APIUserAbortError`.
   *
   * @example
   * ```ts
   * const trained = await client.models.train(
   *   { name: 'Studio style', type: 'flux.1-lora', images: ['./art/1.png', './art/2.png', './art/3.png', './art/4.png', { image: './art/5.png', caption: 'a fox in the snow' }], preset: 'style' },
   *   { onProgress: (model) => console.log(model.trainingProgress?.stage, model.trainingProgress?.progress) },
   * );
   * ```
   */
  async train(params: ModelTrainParams, options?: RunOptions<Model>): Promise<Model> {
    const run = checkRunOptions(options, 'train options');
    return (await trainingCalls()).trainModel(this.#training, params, run);
  }

  /**
   * Creates a model (`POST /models`), `new` until it trains. Not retried after a 5xx or a
   * timeout, which could make a second model.
   *
   * @example
   * ```ts
   * const model = await client.models.create({ name: 'Studio style', type: 'flux.1-lora' });
   * ```
   */
  async create(params: ModelCreateParams, options?: RequestOptions): Promise<Model> {
    const call = checkRequestOptions(options);
    return this.#remember(await (await modelCalls()).createModel(this.#transport, params, call));
  }

  /**
   * Updates a model (`PUT /models/{id}`): its name, description, training parameters, or its
   * type while it is `new`.
   *
   * @example
   * ```ts
   * await client.models.update('model_abc', { name: 'Studio style v2', parameters: { nbEpochs: 12 } });
   * ```
   */
  async update(modelId: string, params: ModelUpdateParams, options?: RequestOptions): Promise<Model> {
    assertId(modelId);
    const call = checkRequestOptions(options);
    return this.#remember(await (await modelCalls()).updateModel(this.#transport, modelId, params, call));
  }

  /**
   * Deletes a model (`DELETE /models/{id}`).
   *
   * @example
   * ```ts
   * await client.models.delete('model_abc');
   * ```
   */
  async delete(modelId: string, options?: RequestOptions): Promise<void> {
    const call = checkRequestOptions(options);
    await (await modelCalls()).deleteModel(this.#transport, modelId, call);
    this.#cache.delete(modelId);
  }

  /**
   * Starts a model's training (`PUT /models/{id}/train`) and returns at once with the model (now
   * `training`), the training's job and its cost; wait with {@link waitForTraining}. The model is
   * read first: one already training or trained, of a type that does not train, or with too few
   * or too many training images for its type is refused (`InvalidRequestError`) before the billed
   * request. Not retried after a 5xx or a timeout: the training may have started.
   *
   * @example
   * ```ts
   * const { model, creativeUnitsCost } = await client.models.startTraining('model_abc', { nbEpochs: 10 });
   * ```
   */
  async startTraining(
    modelId: string,
    parameters?: TrainingParameters,
    options?: RequestOptions,
  ): Promise<TrainingStart> {
    const call = checkRequestOptions(options);
    const started = await (await trainingCalls()).startTraining(this.#training, modelId, parameters, call);
    this.#remember(started.model);
    return started;
  }

  /**
   * What a training of the model would cost, without starting it (`PUT /models/{id}/train?dryRun=true`,
   * answered with HTTP 269). The price depends on the type, the images and the parameters, so add
   * the images first.
   *
   * @example
   * ```ts
   * const { creativeUnitsCost } = await client.models.estimateTraining('model_abc');
   * ```
   */
  async estimateTraining(
    modelId: string,
    parameters?: TrainingParameters,
    options?: RequestOptions,
  ): Promise<CostEstimate> {
    assertId(modelId);
    const call = checkRequestOptions(options);
    return (await trainingCalls()).estimateTraining(this.#transport, modelId, parameters, call);
  }

  /**
   * Waits until a model's training ends and resolves with the trained model: adaptive polling of
   * `GET /models/{id}`, driven by its `trainingProgress`. Takes the id, or a model already seen;
   * resumes a training another call gave up on. `options` are the {@link RunOptions} of a
   * generation (`waitTimeout` default 2 hours). Rejects with `TrainingFailedError`,
   * `TrainingCanceledError`, `TrainingTimeoutError`, `APIUserAbortError` or `TrainingError`,
   * each carrying `modelId`.
   *
   * @example
   * ```ts
   * try {
   *   await client.models.train(params, { waitTimeout: 600_000 });
   * } catch (error) {
   *   if (error instanceof TrainingTimeoutError) await client.models.waitForTraining(error.modelId);
   * }
   * ```
   */
  async waitForTraining(model: string | Model, options?: RunOptions<Model>): Promise<Model> {
    assertId(typeof model === 'string' ? model : (model as Model | null | undefined)?.id);
    const run = checkRunOptions(options, 'wait options');
    return (await trainingCalls()).waitForModelTraining(this.#training, model, run);
  }

  /**
   * Cancels a model's training (`POST /models/{id}/train/action`) and returns the model, then
   * `training-canceled`. Retried like a read: cancelling twice is harmless.
   *
   * @example
   * ```ts
   * await client.models.cancelTraining('model_abc');
   * ```
   */
  async cancelTraining(modelId: string, options?: RequestOptions): Promise<Model> {
    const call = checkRequestOptions(options);
    return this.#remember(await (await trainingCalls()).cancelModelTraining(this.#transport, modelId, call));
  }

  /**
   * The model as this client last read or changed it ({@link get}, {@link create}, {@link update},
   * a training's polls), if it did. No request is made.
   *
   * @example
   * ```ts
   * const known = client.models.cached('model_upscale-v3') ?? (await client.models.get('model_upscale-v3'));
   * ```
   */
  cached(modelId: string): Model | undefined {
    return this.#cache.get(modelId);
  }

  #remember(model: Model): Model {
    this.#cache.set(model.id, model);
    return model;
  }
}
