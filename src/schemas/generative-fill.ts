import * as z from 'zod/mini';
import {
  AssetIdRefSchema,
  DataUrlRefSchema,
  ImageRefSchema,
  InferenceStepsSchema,
  PercentSchema,
  SeedSchema,
} from './generation.js';
import { ReframeSideSchema } from './reframe.js';

/** The fields of {@link GenerativeFillBodySchema}, before its cross-field check. */
export const GenerativeFillFieldsSchema = z.strictObject({
  /** The image to refill: asset id or data URL. */
  image: ImageRefSchema,
  /** The mask as a data URL, the size of `image`: white = refill, black = keep. */
  mask: z.optional(DataUrlRefSchema),
  /** The mask as an asset id. */
  maskId: z.optional(AssetIdRefSchema),
  /** What the refilled area should show; empty erases the masked object. */
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  /** How closely the prompt is followed, 0–100. */
  promptFidelity: z.optional(PercentSchema),
  /** Output width in pixels (default the image's). */
  targetWidth: z.optional(ReframeSideSchema),
  /** Output height in pixels (default the image's). */
  targetHeight: z.optional(ReframeSideSchema),
  numInferenceSteps: z.optional(InferenceStepsSchema),
  seed: z.optional(SeedSchema),
});

/** Body of `POST /generate/generative-fill` as sent on the wire: the route needs a mask, as `mask` or `maskId`. */
export const GenerativeFillBodySchema = GenerativeFillFieldsSchema.check(
  z.refine((body) => (body.mask === undefined) !== (body.maskId === undefined), {
    message: 'pass the mask as mask (a data URL) or maskId (an asset id), one of them',
    path: ['mask'],
  }),
);
/** The parsed shape of {@link GenerativeFillBodySchema}. */
export type GenerativeFillBody = z.output<typeof GenerativeFillBodySchema>;
