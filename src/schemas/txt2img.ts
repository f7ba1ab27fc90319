import * as z from 'zod/mini';
import { GenerationBaseBodySchema } from './generation.js';
import { IpAdapterFields } from './ip-adapter.js';

/** Aspect ratios of `aspectRatio` (flux.1.1-pro-ultra sizes its outputs by ratio, not pixels). */
export const ASPECT_RATIOS = ['1:1', '16:9', '21:9', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '9:21'] as const;

/** Schema of {@link ASPECT_RATIOS}. */
export const AspectRatioSchema = z.enum(ASPECT_RATIOS);
/** One of {@link ASPECT_RATIOS}. */
export type AspectRatio = z.output<typeof AspectRatioSchema>;

/** Body of `POST /generate/txt2img` as sent on the wire. */
export const Txt2ImgBodySchema = z.extend(GenerationBaseBodySchema, {
  /** flux.1.1-pro-ultra only: the outputs' aspect ratio, in place of `width` and `height`. */
  aspectRatio: z.optional(AspectRatioSchema),
});
/** The parsed shape of {@link Txt2ImgBodySchema}. */
export type Txt2ImgBody = z.output<typeof Txt2ImgBodySchema>;

/** Body of `POST /generate/txt2img-ip-adapter`: txt2img guided by style images. */
export const Txt2ImgIpAdapterBodySchema = z.extend(Txt2ImgBodySchema, IpAdapterFields);
/** The parsed shape of {@link Txt2ImgIpAdapterBodySchema}. */
export type Txt2ImgIpAdapterBody = z.output<typeof Txt2ImgIpAdapterBodySchema>;

/**
 * Body of `POST /generate/txt2img-texture`: txt2img whose outputs tile seamlessly. The route
 * takes no `aspectRatio`.
 */
export const Txt2ImgTextureBodySchema = z.omit(Txt2ImgBodySchema, { aspectRatio: true });
/** The parsed shape of {@link Txt2ImgTextureBodySchema}. */
export type Txt2ImgTextureBody = z.output<typeof Txt2ImgTextureBodySchema>;
