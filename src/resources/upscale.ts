import * as z from 'zod';
import { type GenerationContext, GenerationResource } from '../core/generation-resource.js';
import { ImageInputSchema } from '../core/image-input.js';
import { resolveImages } from '../core/resolve-images.js';
import {
  type GenerationSubmitResponse,
  GenerationSubmitResponseSchema,
  ImageRefSchema,
  SeedSchema,
} from './generation.js';

const percent = z.number().min(0).max(100);

/** Body of `POST /generate/upscale` as sent on the wire. */
export const UpscaleBodySchema = z.strictObject({
  image: ImageRefSchema,
  /** 1–16; ignored when `targetWidth` is set. */
  scalingFactor: z.number().min(1).max(16).optional(),
  /** Output width in pixels; takes priority over `scalingFactor`. */
  targetWidth: z.number().int().min(64).max(16_384).optional(),
  /** Default `balanced`. */
  preset: z.enum(['precise', 'balanced', 'creative']).optional(),
  style: z.enum(['standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography']).optional(),
  /** How much detail the upscaler may invent. */
  creativity: percent.optional(),
  creativityDecay: percent.optional(),
  imageFidelity: percent.optional(),
  promptFidelity: percent.optional(),
  detailsLevel: z.number().min(-50).max(50).optional(),
  fractality: percent.optional(),
  refinementSteps: z.number().int().min(0).max(100).optional(),
  /** Style references: asset ids or data URLs. */
  styleImages: z.array(ImageRefSchema).max(10).optional(),
  styleImagesFidelity: percent.optional(),
  tileStyle: z.boolean().optional(),
  imageType: z.enum(['seamfull', 'skybox', 'texture']).optional(),
  prompt: z.string().optional(),
  negativePrompt: z.string().optional(),
  overrideEmbeddings: z.boolean().optional(),
  seed: SeedSchema.optional(),
});
/** The parsed shape of {@link UpscaleBodySchema}. */
export type UpscaleBody = z.output<typeof UpscaleBodySchema>;

/**
 * Params of `client.upscale.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input. `scalingFactor` and `targetWidth` are alternatives: pass one.
 */
export const UpscaleParamsSchema = UpscaleBodySchema.extend({
  /** The image to upscale. Any image input. */
  image: ImageInputSchema,
  /** Style references. Any image inputs. */
  styleImages: z.array(ImageInputSchema).max(10).optional(),
}).refine((params) => params.scalingFactor === undefined || params.targetWidth === undefined, {
  // The API silently ignores scalingFactor when targetWidth is set; refusing both avoids a surprise.
  message: 'pass scalingFactor or targetWidth, not both',
  path: ['scalingFactor'],
});
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
