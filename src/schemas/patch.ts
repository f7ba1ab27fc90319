import * as z from 'zod/mini';
import { ImageRefSchema } from './generation.js';
import { BackgroundColorSchema, transparentNeedsPng } from './remove-background.js';

const pixels = z.number().check(z.int());
const length = z.number().check(z.int(), z.minimum(1));

/** The fields of {@link PatchBodySchema}, before its cross-field check. */
export const PatchFieldsSchema = z.strictObject({
  /** The image to patch: asset id or data URL. */
  image: ImageRefSchema,
  /** What to merge in, and how: `override` paints it over, `erase` clears where it is opaque. */
  patch: z.strictObject({
    image: ImageRefSchema,
    mode: z.enum(['erase', 'override']),
  }),
  /** Where the patch's top-left corner goes, in pixels (default 0, 0). */
  position: z.optional(z.strictObject({ x: pixels, y: pixels })),
  /** Let the patch grow the image (negative positions, a patch larger than the image). */
  allowOverflow: z.optional(z.boolean()),
  /** Crop the result to this rectangle, in pixels. */
  crop: z.optional(
    z.strictObject({
      top: pixels,
      left: pixels,
      width: length,
      height: length,
      backgroundColor: z.optional(BackgroundColorSchema),
    }),
  ),
  /** What erased areas become (default white; `transparent` needs png). */
  backgroundColor: z.optional(BackgroundColorSchema),
  /** Default `png`. */
  format: z.optional(z.enum(['jpeg', 'png'])),
});

/** Body of `POST /generate/patch` as sent on the wire. */
export const PatchBodySchema = PatchFieldsSchema.check(z.refine(...transparentNeedsPng));
/** The parsed shape of {@link PatchBodySchema}. */
export type PatchBody = z.output<typeof PatchBodySchema>;
