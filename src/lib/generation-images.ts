import type { ImageInput } from './image-input.js';
import { type ImageSlot, type ResolveImagesContext, resolveImages } from './resolve-images.js';
import type { StyleImageOptions } from './style-images.js';

/** One image field of a request: one image input or a list of them (`undefined`: left out). */
export interface ImageField {
  input: ImageInput | readonly ImageInput[] | undefined;
  /** The API takes asset ids only in this field: its images are uploaded (hidden), never inlined. */
  assetIdOnly?: boolean;
  /** Its images travel the same way, all inlined or all as asset ids (see {@link ImageSlot.group}). */
  group?: string;
}

/** A field resolved to what the endpoint takes: an asset id or data URL, a list of them, or still absent. */
type ResolvedField<I> = I extends readonly unknown[] ? string[] : I extends undefined ? undefined : string;

/** Each field of `T` resolved. */
export type ResolvedFields<T extends Record<string, ImageField>> = { [F in keyof T]: ResolvedField<T[F]['input']> };

/**
 * Resolves the image fields of one request together, so they share one inline budget and every
 * image is checked before anything is sent: a field to an asset id or a data URL, a list field
 * to a list of them (its errors name `field[i]`), and a field the API takes as asset ids only to
 * ids (uploading what is not one yet). `context.check` sees the loaded images in field order.
 */
export async function resolveImageFields<T extends Record<string, ImageField>>(
  fields: T,
  context: ResolveImagesContext,
): Promise<ResolvedFields<T>> {
  const given = Object.entries(fields).filter(([, { input }]) => input !== undefined);
  const slots: ImageSlot[] = given.flatMap(([field, { input, assetIdOnly, group }]) =>
    Array.isArray(input)
      ? input.map((item: ImageInput, index) => ({ field: `${field}[${index}]`, input: item, assetIdOnly, group }))
      : [{ field, input: input as ImageInput, assetIdOnly, group }],
  );
  const resolved = await resolveImages(slots, context);
  let next = 0;
  return Object.fromEntries(
    given.map(([field, { input }]) => {
      const count = Array.isArray(input) ? input.length : 1;
      const values = resolved.slice(next, next + count);
      next += count;
      return [field, Array.isArray(input) ? values : values[0]];
    }),
  ) as ResolvedFields<T>;
}

/**
 * Resolves the image fields of one generation and its style images together, so they share
 * one inline budget: named fields (`image`, `mask`, `controlImage`; absent ones skipped) in the
 * order given, then the style images, inlined all or none. `context.check` sees the loaded images
 * in that order.
 */
export async function resolveGenerationImages<T extends Record<string, ImageInput | undefined>>(
  images: T,
  styleImages: StyleImageOptions['styleImages'],
  context: ResolveImagesContext,
): Promise<{ images: { [F in keyof T]: ResolvedField<T[F]> }; styleImages: string[] }> {
  const fields: Record<string, ImageField> = {};
  for (const [field, input] of Object.entries(images)) fields[field] = { input };
  const { styleImages: styles, ...resolved } = await resolveImageFields(
    { ...fields, styleImages: { input: styleImages, group: 'styleImages' } },
    context,
  );
  return {
    images: resolved as { [F in keyof T]: ResolvedField<T[F]> },
    styleImages: styles === undefined ? [] : ([] as string[]).concat(styles),
  };
}

/**
 * A resolved image under the wire field of its kind, for fields the API splits in two (`mask` /
 * `maskId`, `controlImage` / `controlImageId`): a data URL in `field`, an asset id in `idField`.
 */
export function imageOrAssetIdField(
  resolved: string | undefined,
  field: string,
  idField: string,
): Record<string, string> {
  if (resolved === undefined) return {};
  return { [resolved.startsWith('asset_') ? idField : field]: resolved };
}
