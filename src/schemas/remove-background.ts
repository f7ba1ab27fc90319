import * as z from 'zod/mini';
import { ImageRefSchema } from './generation.js';

/** `transparent`, a hex colour (`#fff`, `#FFFFFF`, `#FFFFFF80`) or an HTML colour name (`white`). */
export const BackgroundColorSchema = z
  .string()
  .check(
    z.regex(
      /^(transparent|#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30})$/i,
      'expected "transparent", a hex colour like #FFFFFF, or a colour name',
    ),
  );

/** The fields of {@link RemoveBackgroundBodySchema}, before its cross-field check. */
export const RemoveBackgroundFieldsSchema = z.strictObject({
  image: ImageRefSchema,
  /** Default transparent. */
  backgroundColor: z.optional(BackgroundColorSchema),
  /** Default `png`. */
  format: z.optional(z.enum(['png', 'jpeg'])),
});

type ColorAndFormat = { backgroundColor?: string | undefined; format?: string | undefined };
/** Refinement: a transparent background needs PNG (JPEG has no alpha). */
export const transparentNeedsPng: [(body: ColorAndFormat) => boolean, { message: string; path: string[] }] = [
  (body) => !(body.format === 'jpeg' && body.backgroundColor === 'transparent'),
  { message: 'a transparent background needs format "png"', path: ['backgroundColor'] },
];

/** Body of `POST /generate/remove-background` as sent on the wire. */
export const RemoveBackgroundBodySchema = RemoveBackgroundFieldsSchema.check(z.refine(...transparentNeedsPng));
/** The parsed shape of {@link RemoveBackgroundBodySchema}. */
export type RemoveBackgroundBody = z.output<typeof RemoveBackgroundBodySchema>;
