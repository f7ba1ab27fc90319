import * as z from 'zod/mini';

/** The schema of a field read as an extra (see `extraField`): `schema`'s type or `undefined` out, anything in. */
export type ExtraField<S extends z.ZodMiniType> = z.ZodMiniOptional<
  z.ZodMiniPipe<z.ZodMiniUnknown, z.ZodMiniTransform<z.output<S> | undefined, unknown>>
>;

/**
 * An extra of an answer to billed work (the asset a generation echoes, a training's job): read
 * with `schema` when it can be, else `undefined`. The work is done and paid for by then, so an
 * extra the SDK cannot read must not turn the success into an error. (Not `z.catch`: it pulls
 * all of zod's helpers into a browser bundle, about 3.8 kB min+gzip.)
 */
export function extraField<S extends z.ZodMiniType>(schema: S): ExtraField<S> {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): z.output<S> | undefined => {
        const read = z.safeParse(schema, value);
        return read.success ? read.data : undefined;
      }),
    ),
  );
}
