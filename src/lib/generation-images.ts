import type { ImageInput } from './image-input.js';
import { type ResolveImagesContext, resolveImages } from './resolve-images.js';
import { type StyleImageOptions, styleImageSlots } from './style-images.js';

/**
 * Resolves the image fields of one generation and its style images together, so they share
 * one inline budget: named fields (`image`, `mask`, `controlImage`; absent ones skipped) in the
 * order given, then the style images. `context.check` sees the loaded images in that order.
 */
export async function resolveGenerationImages<T extends Record<string, ImageInput | undefined>>(
  images: T,
  styleImages: StyleImageOptions['styleImages'],
  context: ResolveImagesContext,
): Promise<{ images: ResolvedFields<T>; styleImages: string[] }> {
  const named = Object.entries(images).filter((entry): entry is [string, ImageInput] => entry[1] !== undefined);
  const slots = [...named.map(([field, input]) => ({ field, input })), ...styleImageSlots(styleImages)];
  const resolved = await resolveImages(slots, context);
  return {
    images: Object.fromEntries(named.map(([field], index) => [field, resolved[index]])) as ResolvedFields<T>,
    styleImages: resolved.slice(named.length),
  };
}

/** Each field resolved to what the endpoint takes; fields that may be absent may stay absent. */
type ResolvedFields<T> = { [F in keyof T]: undefined extends T[F] ? string | undefined : string };

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
