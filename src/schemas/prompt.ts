import * as z from 'zod/mini';
import { ImageRefSchema } from './generation.js';
import { TextImagesSchema, TextSamplingFields } from './text-sampling.js';

/**
 * How `POST /generate/prompt` writes prompts: `completion` completes `prompt`, `inventive` and
 * `structured` grow new ones from it, `contextual` follows a model, `image-editing` writes an
 * edit for `image`.
 */
export const PROMPT_MODES = ['completion', 'contextual', 'image-editing', 'inventive', 'structured'] as const;

/** The fields of {@link PromptBodySchema}, before its cross-field check. */
export const PromptFieldsSchema = z.strictObject({
  mode: z.enum(PROMPT_MODES),
  /** The spark the `completion`, `inventive` and `structured` modes start from. */
  prompt: z.optional(z.string()),
  /** `image-editing`: the image to write an edit for, asset id or data URL. */
  image: z.optional(ImageRefSchema),
  /** Images to draw on: asset ids or data URLs. */
  images: z.optional(TextImagesSchema),
  /** Condition the prompts on a model (its training images and examples). */
  modelId: z.optional(z.string().check(z.minLength(1))),
  /** Prompts to write. */
  numResults: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(128))),
  ...TextSamplingFields,
});

/**
 * Body of `POST /generate/prompt` as sent on the wire. The SDK sends every image in `image` or
 * `images` and never the route's `assetIds`.
 */
export const PromptBodySchema = PromptFieldsSchema.check(
  z.refine((body) => body.mode !== 'image-editing' || body.image !== undefined, {
    message: 'mode "image-editing" needs the image to write an edit for',
    path: ['image'],
  }),
);
/** The parsed shape of {@link PromptBodySchema}. */
export type PromptBody = z.output<typeof PromptBodySchema>;

/** What `POST /generate/prompt` answers besides the job. */
export const PromptOutputSchema = z.object({ prompts: z.array(z.string()) });
