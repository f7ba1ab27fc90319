import { z } from 'zod';
import { ImageRefSchema } from './generation.js';

/** `transparent`, a hex colour (`#fff`, `#FFFFFF`, `#FFFFFF80`) or an HTML colour name (`white`). */
export const BackgroundColorSchema = z
  .string()
  .regex(
    /^(transparent|#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30})$/i,
    'expected "transparent", a hex colour like #FFFFFF, or a colour name',
  );

/** Body of `POST /generate/remove-background` as sent on the wire. */
export const RemoveBackgroundBodySchema = z
  .strictObject({
    image: ImageRefSchema,
    /** Default transparent. */
    backgroundColor: BackgroundColorSchema.optional(),
    /** Default `png`. */
    format: z.enum(['png', 'jpeg']).optional(),
  })
  .refine((body) => !(body.format === 'jpeg' && body.backgroundColor === 'transparent'), {
    message: 'a transparent background needs format "png"',
    path: ['backgroundColor'],
  });
export type RemoveBackgroundBody = z.output<typeof RemoveBackgroundBodySchema>;
