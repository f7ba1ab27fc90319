import { skyboxCost, upscaleCost } from '../cost.js';
import { badRequest } from '../errors.js';
import { renderGeneration } from '../images/generation.js';
import { upscaleImage } from '../images/upscale.js';
import { assetImage, assetImages, checkBatch, echo, firstImage, type Generator, renderStyles } from './generator.js';
import { upscaledSize } from './upscale.js';

/** Width of a skybox when the request gives none; the real API's is larger, the emulator keeps jobs quick. */
const DEFAULT_SKYBOX_WIDTH = 1024;
const DEFAULT_STRENGTH = 0.75;
/** How strongly style images pull a skybox, when `styleFidelity` (deprecated) does not say. */
const STYLE_SCALE = 0.6;

/**
 * `POST /generate/skybox-base-360`: `numOutputs` equirectangular panoramas of `width`×`width/2`
 * drawn from the prompt (or varied from `image` by `strength`), pulled towards the style images,
 * and made to wrap: the left edge continues the right one. The structure and depth images are
 * checked (asset ids that exist) but do not shape the output.
 */
export const skybox: Generator = async (body, { context, images, seed: drawSeed }) => {
  const width = (body.width as number | undefined) ?? DEFAULT_SKYBOX_WIDTH;
  if (width % 2 !== 0) throw badRequest(`Invalid width: ${width} must be even (the height is half of it)`);
  const outputs = checkBatch(context, 'numOutputs', (body.numOutputs as number | undefined) ?? 1);
  const start = await firstImage(body, images, ['image']);
  const references = Object.fromEntries(
    await Promise.all(
      ['structureImage', 'cannyStructureImage', 'depthImage']
        .filter((field) => typeof body[field] === 'string')
        .map(async (field) => [field, (await assetImage(images, body[field] as string, field)).assetId]),
    ),
  );
  const styles = await assetImages(body, images, 'styleImages');
  const seed = drawSeed(body.seed);
  const prompt = body.prompt as string;
  return {
    jobType: 'skybox-base-360',
    input: echo(
      { ...body, type: 'skybox-base-360' },
      {
        image: start?.assetId,
        ...references,
        styleImages: body.styleImages ? styles.map((s) => s.assetId) : undefined,
      },
    ),
    cost: skyboxCost(outputs, width),
    outputType: 'skybox-base-360',
    outputMetadata: echo({ prompt, seed, style: body.style }, { parentId: start?.assetId }),
    hideResults: false,
    render: () =>
      renderGeneration({
        width,
        height: width / 2,
        seed,
        count: outputs,
        prompt,
        strength: (body.strength as number | undefined) ?? DEFAULT_STRENGTH,
        ...(start ? { reference: start.bytes } : {}),
        ...renderStyles(styles, STYLE_SCALE),
        tiling: 'horizontal',
      }),
  };
};

/** `POST /generate/skybox-upscale-360`: the panorama resized by `scalingFactor` (default 2) or to `targetWidth`; it still wraps. */
export const skyboxUpscale: Generator = async (body, { images }) => {
  const image = await images.resolve(body.image as string, 'image');
  const styles = await assetImages(body, images, 'styleImages');
  const { width, height } = upscaledSize(image.info, body as { scalingFactor?: number; targetWidth?: number });
  return {
    jobType: 'skybox-upscale-360',
    input: echo(
      { ...body, type: 'skybox-upscale-360' },
      { image: image.assetId, styleImages: body.styleImages ? styles.map((s) => s.assetId) : undefined },
    ),
    cost: upscaleCost(width, height),
    outputType: 'upscale-skybox',
    outputMetadata: { scalingFactor: width / image.info.width, parentId: image.assetId },
    hideResults: false,
    render: async () => [await upscaleImage(image.bytes, width)],
  };
};
