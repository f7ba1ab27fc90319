import * as z from 'zod/mini';
import { mapConcurrently } from '../core/concurrency.js';
import { type CallOptions, checkRequestOptions, type RequestOptions } from '../core/options.js';
import { assertId, path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import {
  type PreparedTrainingImage,
  prepareTrainingImages,
  type TrainingImageInput,
  TrainingImageInputSchema,
  trainingImageBody,
} from '../lib/training-image-inputs.js';
import type { Model, TrainingImage } from '../schemas/model.js';
import {
  TrainingImageEnvelopeSchema,
  type TrainingImagePairBody,
  TrainingImagePairBodySchema,
  type TrainingImagePairsResponse,
  TrainingImagePairsResponseSchema,
  type TrainingPreset,
  TrainingPresetSchema,
} from '../schemas/training.js';

/**
 * Training images sent at once: they are independent requests, and a few in flight hide the
 * latency of each without crowding the API (which documents no limit of its own for them).
 */
export const TRAINING_UPLOAD_CONCURRENCY = 4;

/** Params of {@link TrainingImages.add}. */
export const TrainingImagesAddParamsSchema = z.strictObject({
  /** The training images: each any image input, or `{ image, caption }`. */
  images: z.array(TrainingImageInputSchema).check(z.minLength(1, 'give at least one image')),
  /** How Scenario captions the images automatically: `style`, `subject` or `default`. */
  preset: z.optional(TrainingPresetSchema),
});
/** What the caller passes, as {@link TrainingImagesAddParamsSchema}. */
export type TrainingImagesAddParams = z.input<typeof TrainingImagesAddParamsSchema>;

/** Params of {@link TrainingImages.setPairs}: the before/after pairs, by training image id. */
export const TrainingImagePairsParamsSchema = z.array(TrainingImagePairBodySchema);

/** Reads a model (`GET /models/{id}`), as the client's `models.get` does. */
export type GetModel = (modelId: string, options: CallOptions) => Promise<Model>;

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
    const { images, preset } = parseInput(TrainingImagesAddParamsSchema, params, 'trainingImages.add params');
    const prepared = await prepareTrainingImages(images, 'images', { transport: this.#transport, options: call });
    const { results, error } = await mapConcurrently(prepared, TRAINING_UPLOAD_CONCURRENCY, (image) =>
      addTrainingImage(this.#transport, modelId, image, preset, call),
    );
    if (error !== undefined) throw error;
    return results as TrainingImage[];
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
    const input = parseInput(TrainingImageInputSchema, image, 'training image');
    const [prepared] = await prepareTrainingImages([input], 'image', { transport: this.#transport, options: call });
    const body = await trainingImageBody((prepared as PreparedTrainingImage).source, {
      transport: this.#transport,
      options: call,
    });
    const { trainingImage } = await this.#transport.request({
      method: 'PUT',
      path: path`/models/${modelId}/training-images/${trainingImageId}`,
      body,
      schema: TrainingImageEnvelopeSchema,
      options: call,
    });
    return captioned(this.#transport, trainingImage, prepared?.caption, call);
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
    await this.#transport.request({
      method: 'DELETE',
      path: path`/models/${modelId}/training-images/${trainingImageId}`,
      schema: z.unknown(),
      options: checkRequestOptions(options),
    });
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
    return setTrainingImagePairs(
      this.#transport,
      modelId,
      parseInput(TrainingImagePairsParamsSchema, pairs, 'training image pairs'),
      call,
    );
  }
}

/**
 * Adds one prepared training image, then sets its caption. `POST` retried as `billed`: a retry
 * after a 5xx could add the image twice.
 */
export async function addTrainingImage(
  transport: Transport,
  modelId: string,
  image: PreparedTrainingImage,
  preset: TrainingPreset | undefined,
  options: CallOptions,
): Promise<TrainingImage> {
  const body = await trainingImageBody(image.source, { transport, options });
  const { trainingImage } = await transport.request({
    method: 'POST',
    path: path`/models/${modelId}/training-images`,
    body: preset === undefined ? body : { ...body, preset },
    schema: TrainingImageEnvelopeSchema,
    retry: 'billed',
    options,
  });
  return captioned(transport, trainingImage, image.caption, options);
}

/** `PUT /models/{id}/training-images/pairs`; replacing the whole set is safe to repeat. */
export function setTrainingImagePairs(
  transport: Transport,
  modelId: string,
  pairs: readonly TrainingImagePairBody[],
  options: CallOptions,
): Promise<TrainingImagePairsResponse> {
  return transport.request({
    method: 'PUT',
    path: path`/models/${modelId}/training-images/pairs`,
    body: pairs,
    schema: TrainingImagePairsResponseSchema,
    retry: 'idempotent',
    options,
  });
}

/**
 * The training image with its caption set: training reads a training image's description (the
 * description of its asset, `PUT /assets/{id}`) in place of the automatic caption.
 */
async function captioned(
  transport: Transport,
  trainingImage: TrainingImage,
  caption: string | undefined,
  options: CallOptions,
): Promise<TrainingImage> {
  if (caption === undefined) return trainingImage;
  await transport.request({
    method: 'PUT',
    path: path`/assets/${trainingImage.id}`,
    body: { description: caption },
    schema: z.unknown(),
    retry: 'idempotent',
    options,
  });
  return { ...trainingImage, description: caption };
}
