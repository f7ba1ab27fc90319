import { editCost } from '../cost.js';
import { badRequest } from '../errors.js';
import { fillMasked } from '../images/generative-fill.js';
import { echo, firstImage, type Generator } from './generator.js';

/**
 * `POST /generate/generative-fill`: the white area of `mask` (or `maskId`) painted anew, the rest
 * of the image kept pixel for pixel: filled from the surroundings (an erase), mixed with a
 * drawing of the prompt when there is one; resized to `targetWidth`×`targetHeight` when given.
 */
export const generativeFill: Generator = async (body, { images, seed: drawSeed }) => {
  const image = await images.resolve(body.image as string, 'image');
  // As the swagger says: `mask` wins, `maskId` is read only without it.
  const mask = await firstImage(body, images, ['mask', 'maskId']);
  if (!mask) throw badRequest('Input mask is required (mask or maskId)');
  const seed = drawSeed(body.seed);
  const width = (body.targetWidth as number | undefined) ?? image.info.width;
  const height = (body.targetHeight as number | undefined) ?? image.info.height;
  return {
    jobType: 'repaint',
    input: echo({ ...body, type: 'generative-fill' }, { image: image.assetId, [mask.field]: mask.assetId }),
    cost: editCost(1, width, height),
    outputType: 'generative-fill',
    outputMetadata: echo({ prompt: body.prompt, seed }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => [
      await fillMasked(image.bytes, mask.bytes, {
        prompt: body.prompt as string | undefined,
        seed,
        targetWidth: body.targetWidth as number | undefined,
        targetHeight: body.targetHeight as number | undefined,
      }),
    ],
  };
};
