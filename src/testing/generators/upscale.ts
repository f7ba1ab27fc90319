import { upscaleCost } from '../cost.js';
import { badRequest } from '../errors.js';
import { upscaleImage } from '../images/upscale.js';
import { echo, type Generator } from './generator.js';

/** Largest output side the emulator renders (a 16× upscale of a big image would take gigabytes). */
const MAX_UPSCALE_SIDE = 8192;
const DEFAULT_SCALING_FACTOR = 2;

/** Output size of an upscale: `targetWidth` wins over `scalingFactor` (default 2), height in proportion. */
export function upscaledSize(
  source: { width: number; height: number },
  scale: { targetWidth?: number | undefined; scalingFactor?: number | undefined },
): { width: number; height: number } {
  const width = scale.targetWidth ?? Math.round(source.width * (scale.scalingFactor ?? DEFAULT_SCALING_FACTOR));
  const height = Math.round((source.height * width) / source.width);
  if (Math.max(width, height) > MAX_UPSCALE_SIDE) {
    throw badRequest(
      `The upscaled image (${width}×${height}) exceeds the emulator's ${MAX_UPSCALE_SIDE} px limit per side`,
    );
  }
  return { width, height };
}

/** `POST /generate/upscale`: the image resized by `scalingFactor` (or to `targetWidth`). */
export const upscale: Generator = async (body, { images }) => {
  const input = body as {
    image: string;
    styleImages?: string[];
    scalingFactor?: number;
    targetWidth?: number;
    preset?: string;
    style?: string;
  };
  const image = await images.resolve(input.image, 'image');
  const styleImages = await Promise.all((input.styleImages ?? []).map((style) => images.resolve(style, 'styleImages')));
  const { width, height } = upscaledSize(image.info, input);
  return {
    jobType: 'upscale',
    input: echo(
      { ...body, type: 'upscale' },
      {
        image: image.assetId,
        styleImages: input.styleImages && styleImages.map((style) => style.assetId),
      },
    ),
    cost: upscaleCost(width, height),
    outputType: 'upscale',
    outputMetadata: echo(
      { scalingFactor: width / image.info.width, preset: input.preset, style: input.style },
      { parentId: image.assetId },
    ),
    hideResults: false,
    render: async () => [await upscaleImage(image.bytes, width)],
  };
};
