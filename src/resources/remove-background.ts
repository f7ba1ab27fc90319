import * as z from 'zod/mini';
import { type GenerationContext, GenerationResource } from '../core/generation-resource.js';
import { ImageInputSchema } from '../core/image-input.js';
import { resolveImages } from '../core/resolve-images.js';
import { type GenerationSubmitResponse, GenerationSubmitResponseSchema, ImageRefSchema } from './generation.js';

/** `transparent`, a hex colour (`#fff`, `#FFFFFF`, `#FFFFFF80`) or an HTML colour name (`white`). */
export const BackgroundColorSchema = z
  .string()
  .check(
    z.regex(
      /^(transparent|#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30})$/i,
      'expected "transparent", a hex colour like #FFFFFF, or a colour name',
    ),
  );

const removeBackgroundFields = z.strictObject({
  image: ImageRefSchema,
  /** Default transparent. */
  backgroundColor: z.optional(BackgroundColorSchema),
  /** Default `png`. */
  format: z.optional(z.enum(['png', 'jpeg'])),
});

type ColorAndFormat = { backgroundColor?: string | undefined; format?: string | undefined };
const transparentNeedsPng: [(body: ColorAndFormat) => boolean, { message: string; path: string[] }] = [
  (body) => !(body.format === 'jpeg' && body.backgroundColor === 'transparent'),
  { message: 'a transparent background needs format "png"', path: ['backgroundColor'] },
];

/** Body of `POST /generate/remove-background` as sent on the wire. */
export const RemoveBackgroundBodySchema = removeBackgroundFields.check(z.refine(...transparentNeedsPng));
/** The parsed shape of {@link RemoveBackgroundBodySchema}. */
export type RemoveBackgroundBody = z.output<typeof RemoveBackgroundBodySchema>;

/** Params of `client.removeBackground.create/run/estimate`: the wire body, with `image` taking any image input. */
export const RemoveBackgroundParamsSchema = z
  .extend(removeBackgroundFields, {
    /** The image to cut out. Any image input. */
    image: ImageInputSchema,
  })
  .check(z.refine(...transparentNeedsPng));
/** What the caller passes, as {@link RemoveBackgroundParamsSchema}. */
export type RemoveBackgroundParams = z.input<typeof RemoveBackgroundParamsSchema>;

/** Wire answer of `POST /generate/remove-background`. */
export const RemoveBackgroundCreateResponseSchema = GenerationSubmitResponseSchema;
/** The wire answer of `create()`, before the SDK wraps it in a `GenerationJob`. */
export type RemoveBackgroundCreateResponse = GenerationSubmitResponse;

/**
 * Background removal (`POST /generate/remove-background`): the subject cut out, on a transparent
 * (png) or solid background.
 *
 * @example
 * ```ts
 * const { assets: [cutout] } = await client.removeBackground.run({ image: 'asset_abc' });
 * const onWhite = await client.removeBackground.run({ image: './hero.jpg', backgroundColor: '#FFFFFF', format: 'jpeg' });
 * ```
 */
export class RemoveBackground extends GenerationResource<typeof RemoveBackgroundParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(context: GenerationContext) {
    super(context, {
      what: 'removeBackground params',
      schema: RemoveBackgroundParamsSchema,
      async prepare({ image, ...rest }, context) {
        const [resolved] = await resolveImages([{ field: 'image', input: image }], context);
        return { path: '/generate/remove-background', body: { ...rest, image: resolved } };
      },
    });
  }
}
