import * as z from 'zod/mini';

/**
 * The fields a shape names, as parsed (defaults applied). A mapped type, so that an alias of it
 * (`type Asset = KnownFields<typeof assetShape>`) keeps its name in editors and compiler errors,
 * where an alias of `z.output` would be spelt out as the whole object.
 */
export type KnownFields<Shape extends z.core.$ZodShape> = {
  [K in keyof z.output<z.ZodMiniObject<Shape>>]: z.output<z.ZodMiniObject<Shape>>[K];
};

/**
 * A zod/mini object schema whose parsed output is the named type `T` (`Asset`, `Job`, …), so
 * editors and compiler errors say `Asset` rather than spelling out an anonymous object. Response
 * schemas are loose at run time, keeping fields the SDK does not know, while `T` names only the
 * known ones, so a misspelt field does not compile; read the others with
 * {@link withUnknownFields}. It is still a zod object: `shape`, `parse`, `safeParse` and
 * `z.extend` work as usual.
 */
export interface ObjectSchema<
  Shape extends z.core.$ZodShape,
  T extends z.output<z.ZodMiniObject<Shape>> = z.output<z.ZodMiniObject<Shape>>,
  // Any input object (unknown keys are accepted, and kept at run time); output as `T`.
  Config extends z.core.$ZodObjectConfig = { out: z.core.$strip['out']; in: z.core.$loose['in'] },
> extends z.ZodMiniObject<Shape, Config> {
  _zod: Omit<z.core.$ZodObjectInternals<Shape, Config>, 'output'> & { output: T };
}

/** Schema of a response object: unknown fields kept at run time, only the known ones typed. */
export function responseObject<Shape extends z.core.$ZodShape>(shape: Shape): ObjectSchema<Shape> {
  return z.looseObject(shape);
}

/** A response object typed with the fields the SDK does not name too, each `unknown`. */
export type WithUnknownFields<T extends object> = T & Record<string, unknown>;

/**
 * Reads fields the SDK does not name yet. Responses keep every field the server sent, but their
 * types name only the known ones, so `asset.ulr` is a compile error; `withUnknownFields(asset).newField`
 * compiles, as an `unknown` to check before use. Each level opens on its own:
 * `withUnknownFields(asset.metadata).newField`. Returns `value` itself.
 */
export function withUnknownFields<T extends object>(value: T): WithUnknownFields<T> {
  return value as WithUnknownFields<T>;
}
