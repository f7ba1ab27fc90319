import * as z from 'zod/mini';
import { type GenerationContext, GenerationResource } from '../core/generation-resource.js';
import { ImageInputSchema } from '../core/image-input.js';
import { resolveImages } from '../core/resolve-images.js';
import {
  type GenerationSubmitResponse,
  GenerationSubmitResponseSchema,
  ImageRefSchema,
  SeedSchema,
} from './generation.js';

const percent = z.number().check(z.minimum(0), z.maximum(100));

/** Body of `POST /generate/upscale` as sent on the wire. */
export const UpscaleBodySchema = z.strictObject({
  image: ImageRefSchema,
  /** 1–16; ignored when `targetWidth` is set. */
  scalingFactor: z.optional(z.number().check(z.minimum(1), z.maximum(16))),
  /** Output width in pixels; takes priority over `scalingFactor`. */
  targetWidth: z.optional(z.number().check(z.int(), z.minimum(64), z.maximum(16_384))),
  /** Default `balanced`. */
  preset: z.optional(z.enum(['precise', 'balanced', 'creative'])),
  style: z.optional(z.enum(['standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography'])),
  /** How much detail the upscaler may invent. */
  creativity: z.optional(percent),
  creativityDecay: z.optional(percent),
  imageFidelity: z.optional(percent),
  promptFidelity: z.optional(percent),
  detailsLevel: z.optional(z.number().check(z.minimum(-50), z.maximum(50))),
  fractality: z.optional(percent),
  refinementSteps: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
  /** Style references: asset ids or data URLs. */
  styleImages: z.optional(z.array(ImageRefSchema).check(z.maxLength(10))),
  styleImagesFidelity: z.optional(percent),
  tileStyle: z.optional(z.boolean()),
  imageType: z.optional(z.enum(['seamfull', 'skybox', 'texture'])),
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  overrideEmbeddings: z.optional(z.boolean()),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link UpscaleBodySchema}. */
export type UpscaleBody = z.output<typeof UpscaleBodySchema>;

/**
 * Params of `client.upscale.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input. `scalingFactor` and `targetWidth` are alternatives: pass one.
 */
export const UpscaleParamsSchema = z
  .extend(UpscaleBodySchema, {
    /** The image to upscale. Any image input. */
    image: ImageInputSchema,
    /** Style references. Any image inputs. */
    styleImages: z.optional(z.array(ImageInputSchema).check(z.maxLength(10))),
  })
  .check(
    z.refine((params) => params.scalingFactor === undefined || params.targetWidth === undefined, {
      // The API silently ignores scalingFactor when targetWidth is set; refusing both avoids a surprise.
      message: 'pass scalingFactor or targetWidth, not both',
      path: ['scalingFactor'],
    }),
  );
/** What the caller passes, as {@link UpscaleParamsSchema}. */
export type UpscaleParams = z.input<typeof UpscaleParamsSchema>;

/** Wire answer of `POST /generate/upscale`. */
export const UpscaleCreateResponseSchema = GenerationSubmitResponseSchema;
/** The wire answer of `create()`, before the SDK wraps it in a `GenerationJob`. */
export type UpscaleCreateResponse = GenerationSubmitResponse;

/**
 * Upscaling (`POST /generate/upscale`): a larger, sharper version of an image, by `scalingFactor`
 * (1–16) or to `targetWidth`.
 *
 * @example
 * ```ts
 * const { assets: [big] } = await client.upscale.run({ image: 'asset_abc', scalingFactor: 2, preset: 'precise' });
 * console.log(big.properties.width);
 * ```
 */
export class Upscale extends GenerationResource<typeof UpscaleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(context: GenerationContext) {
    super(context, {
      what: 'upscale params',
      schema: UpscaleParamsSchema,
      async prepare({ image, styleImages, ...rest }, context) {
        const styleSlots = (styleImages ?? []).map((input, i) => ({ field: `styleImages[${i}]`, input }));
        const [resolved, ...styles] = await resolveImages([{ field: 'image', input: image }, ...styleSlots], context);
        return { path: '/generate/upscale', body: { ...rest, image: resolved, styleImages: styleImages && styles } };
      },
    });
  }
}
