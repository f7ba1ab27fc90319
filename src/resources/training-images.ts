import { lazyImport } from '../core/lazy-import.js';
import { checkRequestOptions, type RequestOptions } from '../core/options.js';
import { assertId } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import type { TrainingImageInput } from '../lib/training-image-inputs.js';
import type { TrainingImage } from '../schemas/model.js';
import type { TrainingImagePairBody, TrainingImagePairsResponse } from '../schemas/training.js';
import type { GetModel, TrainingImagesAddParams } from './training-images-calls.js';

/** The code of `client.models.trainingImages`, loaded with the first call. */
const trainingImageCalls = () => lazyImport('client.models.trainingImages', () => import('./training-images-calls.js'));

/**
 * The images a model trains on (`/models/{id}/training-images`), for tools that manage a
 * dataset step by step; `client.models.train()` does it all in one call. A training image's id
 * is an asset id; its caption is that asset's description.
 *
 * @example
 * ```ts
 * const added = await client.models.trainingImages.add('model_abc', { images: ['./art/1.png', { image: './art/2.png', caption: 'a fox in the snow' }], preset: 'style' });
 * ```
 */
export class TrainingImages {
  readonly #transport: Transport;
  readonly #getModel: GetModel;

  /** @internal Built by the client as `client.models.trainingImages`. */
  constructor(transport: Transport, getModel: GetModel) {
    this.#transport = transport;
    this.#getModel = getModel;
  }

  /**
   * Adds training images (`POST /models/{id}/training-images`, one request per image, 4 at a
   * time). Every image is read and checked first, so a bad one sends nothing. Images up to
   * 4.4 MB go inline, larger ones are uploaded as hidden assets first; a `caption` is set as the
   * image's description. Resolves with the added images in the order given. Not retried after a
   * 5xx or a timeout (the image may have been added: check with {@link list}).
   *
   * @example
   * ```ts
   * const [image] = await client.models.trainingImages.add('model_abc', { images: ['./art/fox.png'] });
   * ```
   */
  async add(modelId: string, params: TrainingImagesAddParams, options?: RequestOptions): Promise<TrainingImage[]> {
    assertId(modelId);
    const call = checkRequestOptions(options);
    return (await trainingImageCalls()).addTrainingImages(this.#transport, modelId, params, call);
  }

  /**
   * The model's training images, with their captions (read from `GET /models/{id}`).
   *
   * @example
   * ```ts
   * for (const image of await client.models.trainingImages.list('model_abc')) console.log(image.id, image.description ?? image.automaticCaptioning);
   * ```
   */
  async list(modelId: string, options?: RequestOptions): Promise<TrainingImage[]> {
    const model = await this.#getModel(modelId, checkRequestOptions(options));
    return model.trainingImages ?? [];
  }

  /**
   * Replaces one training image (`PUT /models/{id}/training-images/{trainingImageId}`) with
   * another image, keeping its place; a `caption` is set as the new image's description.
   *
   * @example
   * ```ts
   * await client.models.trainingImages.replace('model_abc', 'asset_old', { image: './art/fox-v2.png', caption: 'a fox at dusk' });
   * ```
   */
  async replace(
    modelId: string,
    trainingImageId: string,
    image: TrainingImageInput,
    options?: RequestOptions,
  ): Promise<TrainingImage> {
    assertId(modelId);
    assertId(trainingImageId);
    const call = checkRequestOptions(options);
    return (await trainingImageCalls()).replaceTrainingImage(this.#transport, modelId, trainingImageId, image, call);
  }

  /**
   * Removes a training image from the model (`DELETE /models/{id}/training-images/{trainingImageId}`).
   *
   * @example
   * ```ts
   * await client.models.trainingImages.delete('model_abc', 'asset_blurry');
   * ```
   */
  async delete(modelId: string, trainingImageId: string, options?: RequestOptions): Promise<void> {
    const call = checkRequestOptions(options);
    return (await trainingImageCalls()).deleteTrainingImage(this.#transport, modelId, trainingImageId, call);
  }

  /**
   * Sets the before/after pairs of a model that learns an edit (`flux.1-kontext-lora`),
   * replacing any it had (`PUT /models/{id}/training-images/pairs`). Both images of a pair must
   * be training images of the model already.
   *
   * @example
   * ```ts
   * const [before, after] = await client.models.trainingImages.add('model_abc', { images: ['./day.png', './night.png'] });
   * await client.models.trainingImages.setPairs('model_abc', [{ sourceId: before.id, targetId: after.id, instruction: 'make it night' }]);
   * ```
   */
  async setPairs(
    modelId: string,
    pairs: readonly TrainingImagePairBody[],
    options?: RequestOptions,
  ): Promise<TrainingImagePairsResponse> {
    assertId(modelId);
    const call = checkRequestOptions(options);
    return (await trainingImageCalls()).setPairs(this.#transport, modelId, pairs, call);
  }
}
