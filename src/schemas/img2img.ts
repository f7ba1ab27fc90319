import * as z from 'zod/mini';
import { GenerationBaseBodySchema, ImageRefSchema } from './generation.js';
import { StrengthSchema } from './influence.js';
import { IpAdapterFields } from './ip-adapter.js';

/**
 * Body of `POST /generate/img2img` as sent on the wire. The deprecated `imageId` is never sent:
 * `image` takes asset ids.
 */
export const Img2ImgBodySchema = z.extend(GenerationBaseBodySchema, {
  /** The reference image: asset id or data URL. */
  image: ImageRefSchema,
  /** Noise added to the reference: 0.01 stays close, 1 ignores it. */
  strength: z.optional(StrengthSchema),
  /** Parent of the asset created from a data-URL `image`. */
  imageParentId: z.optional(z.string()),
  /** Hide the asset created from a data-URL `image`. */
  imageHide: z.optional(z.boolean()),
});
/** The parsed shape of {@link Img2ImgBodySchema}. */
export type Img2ImgBody = z.output<typeof Img2ImgBodySchema>;

/**
 * Body of `POST /generate/img2img-ip-adapter`: img2img guided by style images. The route also
 * lists `mask`/`maskId`; the SDK sends masks to the inpaint routes instead (`client.inpaint`).
 */
export const Img2ImgIpAdapterBodySchema = z.extend(Img2ImgBodySchema, IpAdapterFields);
/** The parsed shape of {@link Img2ImgIpAdapterBodySchema}. */
export type Img2ImgIpAdapterBody = z.output<typeof Img2ImgIpAdapterBodySchema>;

/**
 * Body of `POST /generate/img2img-texture`: img2img whose outputs tile seamlessly. The route
 * also lists `mask`/`maskId`; the SDK sends masks to the inpaint routes instead.
 */
export const Img2ImgTextureBodySchema = Img2ImgBodySchema;
/** The parsed shape of {@link Img2ImgTextureBodySchema}. */
export type Img2ImgTextureBody = z.output<typeof Img2ImgTextureBodySchema>;
