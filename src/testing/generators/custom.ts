import { DETECT_COST, generationCost, REMOVE_BACKGROUND_COST, upscaleCost } from '../cost.js';
import { badRequest, notFound } from '../errors.js';
import type { ResolvedImage } from '../image-inputs.js';
import { detectMap } from '../images/detect.js';
import { removeBackground } from '../images/remove-background.js';
import type { RenderedImage } from '../images/rendered.js';
import { styliseImages } from '../images/stylise.js';
import { synthesizeImage } from '../images/synthesize.js';
import { upscaleImage } from '../images/upscale.js';
import type { CatalogModel } from '../model-catalog.js';
import { type CustomInputs, validateCustomInputs } from './custom-inputs.js';
import { checkBatch, type Generator, range } from './generator.js';
import { upscaledSize } from './upscale.js';

/** Output sizes of `aspectRatio` values for text-to-image custom models (about one megapixel). */
const ASPECT_SIZES: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '16:9': [1344, 768],
  '9:16': [768, 1344],
  '4:3': [1152, 896],
  '3:4': [896, 1152],
  '3:2': [1216, 832],
  '2:3': [832, 1216],
};

/** What a custom runner produces: asset type, cost, renderer. */
interface CustomRun {
  outputType: string;
  cost: number;
  render(): Promise<RenderedImage[]>;
}

/** `POST /generate/custom/{modelId}`: the body is the model's own inputs, checked against its `inputs[]`. */
export function custom(modelId: string): Generator {
  return async (body, { context, images, seed: drawSeed }) => {
    const model = context.models.get(modelId);
    if (!model) throw notFound(`Model ${modelId} not found`);
    if (!model.runner || !model.wire.inputs) {
      throw badRequest(
        `Model ${modelId} cannot run through /generate/custom; use the /generate/{inferenceType} endpoints`,
      );
    }
    const inputs = await validateCustomInputs(modelId, model.wire.inputs, body, images);
    const seed = drawSeed(inputs.values.seed as number | undefined);
    const run = plan(model, inputs, seed, (count) => checkBatch(context, 'numOutputs', count));
    const parent = inputs.images.image?.[0] ?? inputs.images.referenceImages?.[0];
    return {
      jobType: 'custom',
      input: { ...inputs.values, modelId },
      cost: run.cost,
      outputType: run.outputType,
      outputMetadata: { modelId, seed, ...(parent ? { parentId: parent.assetId } : {}) },
      hideResults: false,
      render: run.render,
    };
  };
}

function plan(
  model: CatalogModel,
  { values, images }: CustomInputs,
  seed: number,
  batch: (n: number) => number,
): CustomRun {
  if (model.runner === 'generate') return generation(values, images.referenceImages?.[0], seed, batch);
  // The other runners' `image` input is required, so validation has resolved it.
  const image = images.image?.[0] as ResolvedImage;
  switch (model.runner) {
    case 'upscale': {
      const { width, height } = upscaledSize(image.info, { scalingFactor: values.upscaleFactor as number });
      return {
        outputType: 'upscale',
        cost: upscaleCost(width, height),
        render: async () => [await upscaleImage(image.bytes, width)],
      };
    }
    case 'remove-background': {
      const options = { backgroundColor: values.backgroundColor as string };
      return {
        outputType: 'background-removal',
        cost: REMOVE_BACKGROUND_COST,
        render: async () => [await removeBackground(image.bytes, options)],
      };
    }
    default:
      return {
        outputType: 'detection',
        cost: DETECT_COST,
        render: async () => [await detectMap(image.bytes, values.modality as string)],
      };
  }
}

/** Text-to-image (or, with a reference, image-to-image) custom models: `numOutputs` images at `aspectRatio`. */
function generation(
  values: Record<string, unknown>,
  reference: ResolvedImage | undefined,
  seed: number,
  batch: (n: number) => number,
): CustomRun {
  const count = batch(values.numOutputs as number);
  const [width, height] = ASPECT_SIZES[values.aspectRatio as string] ?? [1024, 1024];
  const strength = values.strength as number;
  return {
    outputType: reference ? 'inference-img2img' : 'inference-txt2img',
    cost: generationCost('custom', count, width, height),
    render: () =>
      reference
        ? styliseImages(reference.bytes, { width, height, strength, seed }, count)
        : Promise.all(range(count).map((i) => synthesizeImage({ width, height, seed: seed + i }))),
  };
}
