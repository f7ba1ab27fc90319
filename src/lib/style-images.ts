import * as z from 'zod/mini';
import { safeParse } from '../core/validate.js';
import { StyleScaleSchema, type StyleType, StyleTypeSchema } from '../schemas/ip-adapter.js';
import { type ImageInput, ImageInputSchema } from './image-input.js';

/**
 * One image input or a non-empty list of them. Not a zod union: a union names neither branch's
 * problem ("Invalid input"), where this reports each bad image at `styleImages[i]`.
 */
const StyleImagesSchema = z.custom<ImageInput | ImageInput[]>().check(
  z.superRefine((value, context) => {
    const many = Array.isArray(value);
    const images: unknown[] = many ? value : [value];
    if (images.length === 0) {
      context.addIssue({
        code: 'custom',
        message: 'pass at least one style image, or leave styleImages out',
        input: value,
      });
    }
    images.forEach((image, index) => {
      for (const { message } of safeParse(ImageInputSchema, image).error?.issues ?? []) {
        context.addIssue({ code: 'custom', message, path: many ? [index] : [], input: image });
      }
    });
  }),
);

/**
 * The web app's Style Images, as params of txt2img, img2img, controlnet and inpaint. Given, the
 * generation goes to the endpoint's `-ip-adapter` variant.
 */
export const StyleImageParams = {
  /** One style image or several (any image inputs), resolved like `image`. */
  styleImages: z.optional(StyleImagesSchema),
  /** How strongly the style images guide the result, 0–1: one number for all, or one per image. API default 0.9. */
  styleScale: z.optional(z.union([StyleScaleSchema, z.array(StyleScaleSchema)])),
  /** `'style'` (default): palette, texture, mood. `'character'`: the same character across poses and scenes. */
  styleType: z.optional(StyleTypeSchema),
};

/** The Style Images params, as the resources read them. */
export interface StyleImageOptions {
  styleImages?: ImageInput | ImageInput[] | undefined;
  styleScale?: number | number[] | undefined;
  styleType?: StyleType | undefined;
}

/** Refinement for params with {@link StyleImageParams}: scale and type only with images; one scale, or one per image. */
export const styleImageRules = z.superRefine((params: StyleImageOptions, context) => {
  const { styleImages, styleScale, styleType } = params;
  if (styleImages === undefined) {
    for (const [field, value] of [
      ['styleScale', styleScale],
      ['styleType', styleType],
    ] as const) {
      if (value !== undefined) {
        context.addIssue({ code: 'custom', message: `${field} applies only with styleImages`, path: [field] });
      }
    }
    return;
  }
  const count = Array.isArray(styleImages) ? styleImages.length : 1;
  if (Array.isArray(styleScale) && styleScale.length !== count) {
    context.addIssue({
      code: 'custom',
      message: `${styleScale.length} scales for ${count} style image${count === 1 ? '' : 's'}: pass one number for all of them, or one per image`,
      path: ['styleScale'],
    });
  }
});

/**
 * The request to send: `path` and `body` as they are without style images; with them, the
 * route's `-ip-adapter` variant and the resolved images as `ipAdapterImages` (data URLs) or
 * `ipAdapterImageIds` (asset ids; the group resolves to one kind), `ipAdapterScales` one per
 * image, `ipAdapterType`.
 */
export function styledRequest(
  path: string,
  body: Record<string, unknown>,
  resolvedStyleImages: readonly string[],
  { styleScale, styleType }: Omit<StyleImageOptions, 'styleImages'>,
): { path: string; body: Record<string, unknown> } {
  if (resolvedStyleImages.length === 0) return { path, body };
  const images = [...resolvedStyleImages];
  const asAssetIds = images.every((image) => image.startsWith('asset_'));
  return {
    path: `${path}-ip-adapter`,
    body: {
      ...body,
      [asAssetIds ? 'ipAdapterImageIds' : 'ipAdapterImages']: images,
      ipAdapterScales: typeof styleScale === 'number' ? images.map(() => styleScale) : styleScale,
      ipAdapterType: styleType,
    },
  };
}
