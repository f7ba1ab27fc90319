import { editCost } from '../cost.js';
import { badRequest } from '../errors.js';
import { type ReframeLocation, reframe as reframeImage } from '../images/reframe.js';
import { echo, type Generator } from './generator.js';

/** Largest side the emulator renders. */
const MAX_SIDE = 8192;

/**
 * `POST /generate/reframe`: a `targetWidth`×`targetHeight` image with the input fitted at
 * `inputLocation` (default `middle`), scaled to `resizeOption` percent (default 100) of the
 * largest size that fits, the rest painted from a blur of the input.
 */
export const reframe: Generator = async (body, { images, seed: drawSeed }) => {
  const targetWidth = body.targetWidth as number;
  const targetHeight = body.targetHeight as number;
  for (const [field, value] of [
    ['targetWidth', targetWidth],
    ['targetHeight', targetHeight],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1 && value <= MAX_SIDE)) {
      throw badRequest(`Invalid ${field}: ${value} must be a whole number of pixels from 1 to ${MAX_SIDE}`);
    }
  }
  const resizePercent = (body.resizeOption as number | undefined) ?? 100;
  if (!(resizePercent > 0 && resizePercent <= 100)) {
    throw badRequest(`Invalid resizeOption: ${resizePercent} must be a percentage above 0, at most 100`);
  }
  const image = await images.resolve(body.image as string, 'image');
  const location = (body.inputLocation as ReframeLocation | undefined) ?? 'middle';
  const seed = drawSeed(body.seed);
  return {
    jobType: 'reframe',
    input: echo({ ...body, type: 'reframe' }, { image: image.assetId }),
    cost: editCost(1, targetWidth, targetHeight),
    outputType: 'reframe',
    outputMetadata: echo(
      { prompt: body.prompt, seed, inputLocation: location, targetWidth, targetHeight },
      { parentId: image.assetId },
    ),
    hideResults: false,
    render: async () => [await reframeImage(image.bytes, { targetWidth, targetHeight, location, resizePercent })],
  };
};
