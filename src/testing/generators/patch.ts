import { TOOL_COST } from '../cost.js';
import { badRequest } from '../errors.js';
import { type PatchOptions, patchImage } from '../images/patch.js';
import { echo, type Generator } from './generator.js';

/** Largest canvas side the emulator composes (position plus both images, or a crop). */
const MAX_SPAN = 16_384;

/**
 * `POST /generate/patch`: `patch.image` merged onto `image` at `position` (override: painted
 * over; erase: cleared where the patch is opaque), the canvas grown with `allowOverflow`, then
 * cropped; erased and uncovered areas become `backgroundColor` (default white). The crop's own
 * `backgroundColor` is accepted and not modelled.
 */
export const patch: Generator = async (body, { images }) => {
  const merge = body.patch as { image: string; mode: PatchOptions['mode'] };
  const position = (body.position as { x: number; y: number } | undefined) ?? { x: 0, y: 0 };
  const format = body.format as PatchOptions['format'];
  if (format === 'jpeg' && body.backgroundColor === 'transparent') {
    throw badRequest('backgroundColor "transparent" needs format "png"');
  }
  const crop = body.crop as PatchOptions['crop'];
  const [image, patched] = await Promise.all([
    images.resolve(body.image as string, 'image'),
    images.resolve(merge.image, 'patch.image'),
  ]);
  const spans = [
    ['crop.width', crop?.width ?? 1],
    ['crop.height', crop?.height ?? 1],
    ['the patched width', Math.abs(position.x) + image.info.width + patched.info.width],
    ['the patched height', Math.abs(position.y) + image.info.height + patched.info.height],
  ] as const;
  for (const [what, size] of spans) {
    if (!(Number.isInteger(size) && size >= 1 && size <= MAX_SPAN)) {
      throw badRequest(`Invalid ${what}: ${size} pixels (the emulator composes 1 to ${MAX_SPAN} a side)`);
    }
  }
  return {
    jobType: 'patch-image',
    input: echo({ ...body, patch: { ...merge, image: patched.assetId }, type: 'patch' }, { image: image.assetId }),
    cost: TOOL_COST,
    outputType: 'patch',
    outputMetadata: { mode: merge.mode, parentId: image.assetId },
    hideResults: false,
    render: async () => [
      await patchImage(image.bytes, patched.bytes, {
        mode: merge.mode,
        ...position,
        allowOverflow: body.allowOverflow === true,
        crop,
        backgroundColor: body.backgroundColor as string | undefined,
        format,
      }),
    ],
  };
};
