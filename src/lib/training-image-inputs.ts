import * as z from 'zod/mini';
import type { CallOptions } from '../core/options.js';
import type { Transport } from '../core/transport.js';
import { safeParse } from '../core/validate.js';
import type { TrainingImageBody } from '../schemas/training.js';
import {
  type ImageInput,
  ImageInputSchema,
  type ImageSource,
  imageFileName,
  MAX_INLINE_IMAGE_BYTES,
  toDataUrl,
} from './image-input.js';
import { loadImages, uploadHidden } from './resolve-images.js';

/** A training image's caption: what training reads as the image's description. */
export const CaptionSchema = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2000));

/** A training image with the caption training should read for it. */
export interface CaptionedImage {
  /** Any image input. */
  image: ImageInput;
  /**
   * What the image shows, in words; set as the training image's description, which training
   * reads instead of Scenario's automatic caption. Describe what should vary, never the style
   * or subject being taught.
   */
  caption?: string | undefined;
}

/**
 * A training image: any {@link ImageInput} (asset id, data URL, http(s) URL, file path, `Blob`,
 * bytes, stream), or `{ image, caption }` to caption it.
 */
export type TrainingImageInput = ImageInput | CaptionedImage;

const CaptionedImageSchema = z.strictObject({ image: ImageInputSchema, caption: z.optional(CaptionSchema) });

/** Schema of {@link TrainingImageInput}: it checks the shape; the bytes are read before any request. */
export const TrainingImageInputSchema = z.custom<TrainingImageInput>().check(
  z.superRefine((value, context) => {
    const schema = isCaptioned(value) ? CaptionedImageSchema : ImageInputSchema;
    const result = safeParse(schema, value);
    for (const issue of result.error?.issues ?? []) {
      context.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: value });
    }
  }),
);

/** `{ image, … }` rather than an image itself (a plain object is none of the image inputs). */
function isCaptioned(value: unknown): value is CaptionedImage {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A training image read and checked, ready to send: where its bytes are, and its caption. */
export interface PreparedTrainingImage {
  source: ImageSource;
  caption?: string | undefined;
}

/**
 * Reads and checks every training image, sending nothing: a bad one among a hundred is an
 * `InvalidRequestError` (naming `field[i]`, every bad one at once) before any request.
 */
export async function prepareTrainingImages(
  inputs: readonly TrainingImageInput[],
  field: string,
  ctx: { transport: Transport; options?: CallOptions | undefined },
): Promise<PreparedTrainingImage[]> {
  const slots = inputs.map((input, index) => ({
    field: `${field}[${index}]`,
    input: isCaptioned(input) ? input.image : input,
  }));
  const sources = await loadImages(slots, ctx);
  return sources.map((source, index) => {
    const input = inputs[index];
    return { source, caption: isCaptioned(input) ? input.caption : undefined };
  });
}

/**
 * The body that adds (or replaces) one training image: an asset by id, an image up to
 * {@link MAX_INLINE_IMAGE_BYTES} as a data URL with its file name, a larger one uploaded first
 * as a hidden asset (the gateway's body limit), then by id.
 */
export async function trainingImageBody(
  source: ImageSource,
  ctx: { transport: Transport; options?: CallOptions | undefined },
): Promise<TrainingImageBody> {
  if (source.kind === 'asset') return { assetId: source.assetId };
  if (source.size <= MAX_INLINE_IMAGE_BYTES) return { data: await toDataUrl(source), name: imageFileName(source) };
  return { assetId: await uploadHidden(source, ctx) };
}
