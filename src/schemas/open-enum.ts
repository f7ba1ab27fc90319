import * as z from 'zod/mini';

/** A value from `known`, or a newer one the server may add: typed for autocomplete, any string accepted. */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * Schema of an {@link OpenEnum}: responses must tolerate values the SDK does not know yet. (A
 * union of `z.enum` with `z.string()` would accept the same values but infer plain `string`.)
 */
export function openEnum<const T extends string>(_known: readonly T[]): z.ZodMiniType<OpenEnum<T>> {
  return z.custom<OpenEnum<T>>((value) => typeof value === 'string', 'expected a string');
}
