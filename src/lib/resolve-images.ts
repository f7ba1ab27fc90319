import { InvalidRequestError } from '../core/errors.js';
import type { CallOptions } from '../core/options.js';
import type { Transport } from '../core/transport.js';
import {
  type ImageInput,
  type ImageSource,
  imageFileName,
  type LoadedImage,
  loadImage,
  MAX_INLINE_IMAGE_BYTES,
  toDataUrl,
} from './image-input.js';
import { storeImage } from './store-image.js';

/** One image field of a request: its name, used in errors, and what the caller passed. */
export interface ImageSlot {
  /** The field, as named in errors: `image`, `controlImage`, `styleImages[2]`. */
  field: string;
  input: ImageInput;
  /**
   * Slots of one group travel the same way: all inlined, or all as asset ids (style images must
   * share one wire field, their scales pairing with them by position). A group holding an asset
   * id is never inlined.
   */
  group?: string | undefined;
  /** The API takes an asset id only in this field: the image is uploaded (as a hidden asset), never inlined. */
  assetIdOnly?: boolean | undefined;
}

/** What {@link resolveImages} needs: the client's transport, the call's options, whether to inline. */
export interface ResolveImagesContext {
  transport: Transport;
  options?: CallOptions | undefined;
  /**
   * `true` (default): send images as data URLs while the request's inline total stays within
   * {@link MAX_INLINE_IMAGE_BYTES}. `false`: upload every image (custom models take asset ids only).
   */
  inline?: boolean | undefined;
  /**
   * Checks the loaded images (in slot order) before anything is inlined or uploaded: a rule
   * across images, such as a mask the size of its image. Throw to stop the request.
   */
  check?: ((images: readonly ImageSource[]) => void | Promise<void>) | undefined;
}

/**
 * Turns the image fields of one request into what the endpoint takes, in slot order: asset ids
 * unchanged, data URLs, or the ids of new assets.
 *
 * Every image is read and checked before anything is sent, so a bad one leaves no upload
 * behind. The gateway's body limit is per request, not per image, so the smallest images are
 * inlined while their total raw size stays within {@link MAX_INLINE_IMAGE_BYTES}; the rest are
 * uploaded as hidden assets (`POST /assets` up to that size, the multipart `/uploads` flow
 * above it), so inputs uploaded on the caller's behalf stay out of their asset listings; so are
 * the images of fields that take asset ids only.
 * A group of slots is inlined whole or not at all; `ctx.check` sees the loaded images first.
 *
 * @throws InvalidRequestError listing every input that is not a supported image, before any API call.
 */
export async function resolveImages(slots: readonly ImageSlot[], ctx: ResolveImagesContext): Promise<string[]> {
  const images = await loadImages(slots, ctx);
  await ctx.check?.(images);
  const inline = ctx.inline === false ? new Set<LoadedImage>() : pickInline(images, slots);
  return Promise.all(
    images.map((image) => {
      if (image.kind === 'asset') return image.assetId;
      if (inline.has(image)) return toDataUrl(image);
      return uploadHidden(image, ctx);
    }),
  );
}

/**
 * Loads and checks every slot, sending nothing; waits for all so that every bad input is reported
 * at once, in one `InvalidRequestError`.
 */
export async function loadImages(
  slots: readonly ImageSlot[],
  ctx: Pick<ResolveImagesContext, 'transport' | 'options'>,
): Promise<ImageSource[]> {
  const { transport, options } = ctx;
  const settled = await Promise.allSettled(
    slots.map(({ field, input }) => loadImage(input, { transport, options, field })),
  );
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length === 0) return settled.map((result) => (result as PromiseFulfilledResult<ImageSource>).value);
  // An abort or a failed download says more than bad input; else merge the issues of every field.
  const other = failures.find((reason) => !(reason instanceof InvalidRequestError));
  if (other !== undefined || failures.length === 1) throw other ?? failures[0];
  throw new InvalidRequestError(
    'image input',
    (failures as InvalidRequestError[]).flatMap((error) => error.issues),
  );
}

/**
 * The images to inline: smallest first, while their total stays within the request's budget.
 * A group counts as one image of its total size, and only when all of it can be inlined.
 */
function pickInline(images: readonly ImageSource[], slots: readonly ImageSlot[]): Set<LoadedImage> {
  const units = new Map<unknown, ImageSource[]>();
  images.forEach((image, index) => {
    if (slots[index]?.assetIdOnly) return;
    const key = slots[index]?.group ?? image;
    units.set(key, [...(units.get(key) ?? []), image]);
  });
  const candidates = [...units.values()]
    .filter((unit): unit is LoadedImage[] => unit.every((image) => image.kind === 'image'))
    .map((unit) => ({ unit, size: unit.reduce((sum, image) => sum + image.size, 0) }))
    .sort((a, b) => a.size - b.size);
  const inline = new Set<LoadedImage>();
  let total = 0;
  for (const { unit, size } of candidates) {
    if (total + size > MAX_INLINE_IMAGE_BYTES) break;
    total += size;
    for (const image of unit) inline.add(image);
  }
  return inline;
}

/** Uploads an image as a hidden asset and returns its id. */
export async function uploadHidden(
  image: LoadedImage,
  ctx: Pick<ResolveImagesContext, 'transport' | 'options'>,
): Promise<string> {
  return (await storeImage(image, { name: imageFileName(image), hide: true }, ctx)).assetId;
}
