import * as z from 'zod/mini';
import { AssetIdRefSchema, DataUrlRefSchema, FractionSchema } from './generation.js';

/** How style images guide a generation: `style` (palette, texture, mood) or `character` (the same character across poses). */
export const STYLE_TYPES = ['style', 'character'] as const;

/** Schema of {@link STYLE_TYPES}: `ipAdapterType` on the wire. */
export const StyleTypeSchema = z.enum(STYLE_TYPES);
/** `'style'` or `'character'`. */
export type StyleType = z.output<typeof StyleTypeSchema>;

/** How strongly one style image guides the generation, 0–1 (the API's default is 0.9). */
export const StyleScaleSchema = FractionSchema;

/**
 * Fields the `-ip-adapter` variants (`txt2img-ip-adapter`, `img2img-ip-adapter`,
 * `controlnet-ip-adapter`, `inpaint-ip-adapter`, `controlnet-inpaint-ip-adapter`) add to their
 * base body. The SDK sends its style images in one of the two image arrays (data URLs or asset
 * ids, never split) so that `ipAdapterScales` pairs with them by position. The deprecated
 * singular `ipAdapterImage`, `ipAdapterImageId` and `ipAdapterScale` are never sent.
 */
export const IpAdapterFields = {
  /** Style images as data URLs. */
  ipAdapterImages: z.optional(z.array(DataUrlRefSchema).check(z.minLength(1))),
  /** Style images as asset ids. */
  ipAdapterImageIds: z.optional(z.array(AssetIdRefSchema).check(z.minLength(1))),
  /** One scale per style image, each 0–1. */
  ipAdapterScales: z.optional(z.array(StyleScaleSchema)),
  /** `style` (default) or `character`. */
  ipAdapterType: z.optional(StyleTypeSchema),
};
