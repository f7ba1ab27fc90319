/*
 * The code of `client.models.trainingImages` (and of a training's images), loaded with the first
 * call (see `TrainingImages`).
 */
import * as z from 'zod/mini';
import { mapConcurrently } from '../core/concurrency.js';
import type { CallOptions } from '../core/options.js';
import { path } from '../core/path.js';
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

/** Params of {@link index!TrainingImages.add | TrainingImages.add}. */
export const TrainingImagesAddParamsSchema = z.strictObject({
  /** The training images: each any image input, or `{ image, caption }`. */
  images: z.array(TrainingImageInputSchema).check(z.minLength(1, 'give at least one image')),
  /** How Scenario captions the images automatically: `style`, `subject` or `default`. */
  preset: z.optional(TrainingPresetSchema),
});
/** What the caller passes, as {@link TrainingImagesAddParamsSchema}. */
export type TrainingImagesAddParams = z.input<typeof TrainingImagesAddParamsSchema>;

/** Params of {@link index!TrainingImages.setPairs | TrainingImages.setPairs}: the before/after pairs, by training image id. */
export const TrainingImagePairsParamsSchema = z.array(TrainingImagePairBodySchema);

/** Reads a model (`GET /models/{id}`), as the client's `models.get` does. */
export type GetModel = (modelId: string, options: CallOptions) => Promise<Model>;

/** `client.models.trainingImages.add`, the options checked: every image read and checked first, then added 4 at a time. */
export async function addTrainingImages(
  transport: Transport,
  modelId: string,
  params: TrainingImagesAddParams,
  options: CallOptions,
): Promise<TrainingImage[]> {
  const { images, preset } = parseInput(TrainingImagesAddParamsSchema, params, 'trainingImages.add params');
  const prepared = await prepareTrainingImages(images, 'images', { transport, options });
  return addPreparedTrainingImages(transport, modelId, prepared, preset, options);
}

/**
 * Adds prepared training images, {@link TRAINING_UPLOAD_CONCURRENCY} at a time, in order;
 * `onAdded` hears of each one added. After a failure none starts, and the ones already being
 * added are awaited before it is thrown, so the count of those added is known.
 */
export function addPreparedTrainingImages(
  transport: Transport,
  modelId: string,
  prepared: readonly PreparedTrainingImage[],
  preset: TrainingPreset | undefined,
  options: CallOptions,
  onAdded?: () => void,
): Promise<TrainingImage[]> {
  return mapConcurrently(prepared, TRAINING_UPLOAD_CONCURRENCY, async (image) => {
    const added = await addTrainingImage(transport, modelId, image, preset, options);
    onAdded?.();
    return added;
  });
}

/** `client.models.trainingImages.replace`, the options checked. */
export async function replaceTrainingImage(
  transport: Transport,
  modelId: string,
  trainingImageId: string,
  image: TrainingImageInput,
  options: CallOptions,
): Promise<TrainingImage> {
  const input = parseInput(TrainingImageInputSchema, image, 'training image');
  const [prepared] = await prepareTrainingImages([input], 'image', { transport, options });
  const body = await trainingImageBody((prepared as PreparedTrainingImage).source, { transport, options });
  const { trainingImage } = await transport.request({
    method: 'PUT',
    path: path`/models/${modelId}/training-images/${trainingImageId}`,
    body,
    schema: TrainingImageEnvelopeSchema,
    options,
  });
  return captioned(transport, trainingImage, prepared?.caption, options);
}

/** `DELETE /models/{id}/training-images/{trainingImageId}`. */
export async function deleteTrainingImage(
  transport: Transport,
  modelId: string,
  trainingImageId: string,
  options: CallOptions,
): Promise<void> {
  await transport.request({
    method: 'DELETE',
    path: path`/models/${modelId}/training-images/${trainingImageId}`,
    schema: z.unknown(),
    options,
  });
}

/** `client.models.trainingImages.setPairs`, the options checked. */
export function setPairs(
  transport: Transport,
  modelId: string,
  pairs: readonly TrainingImagePairBody[],
  options: CallOptions,
): Promise<TrainingImagePairsResponse> {
  return setTrainingImagePairs(
    transport,
    modelId,
    parseInput(TrainingImagePairsParamsSchema, pairs, 'training image pairs'),
    options,
  );
}

/**
 * Adds one prepared training image, then sets its caption. `POST` retried as `billed`: a retry
 * after a 5xx could add the image twice.
 */
async function addTrainingImage(
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
