import * as z from 'zod/mini';

/** The schema {@link optionalField} returns: `schema`'s type or `undefined` out, `null` accepted in. */
export type OptionalField<S extends z.ZodMiniType> = z.ZodMiniOptional<
  z.ZodMiniPipe<z.ZodMiniNullable<S>, z.ZodMiniTransform<z.output<S> | undefined, z.output<S> | null>>
>;

/**
 * An optional field of a response: missing, `undefined` and `null` all read as `undefined`. The
 * live API answers `null` for many fields its swagger marks optional (a queued job's `authorId`,
 * an asset's `description`); one such field must not turn a whole answer into an error, and the
 * type stays `T | undefined`, so callers check one absence, not two.
 */
export function optionalField<S extends z.ZodMiniType>(schema: S): OptionalField<S> {
  return z.optional(
    z.pipe(
      z.nullable(schema),
      z.transform((value: z.output<S> | null) => (value === null ? undefined : value)),
    ),
  );
}
