import { DETECT_COST, generationCost, REMOVE_BACKGROUND_COST, upscaleCost } from '../cost.js';
import { badRequest, notFound } from '../errors.js';
import type { ResolvedImage } from '../image-inputs.js';
import { detectMap } from '../images/detect.js';
import { renderGeneration } from '../images/generation.js';
import { removeBackground } from '../images/remove-background.js';
import type { RenderedImage } from '../images/rendered.js';
import { upscaleImage } from '../images/upscale.js';
import type { CatalogModel } from '../model-catalog.js';
import { type CustomInputs, validateCustomInputs } from './custom-inputs.js';
import { checkBatch, echo, type Generator } from './generator.js';
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
/** Side of a generation custom model's output when neither the inputs nor a reference give one. */
const DEFAULT_SIDE = 1024;
/** Output sides of the generation custom models are multiples of this. */
const SIDE_STEP = 16;
/** `strength` of a reference-guided custom generation whose model has no such input. */
const DEFAULT_STRENGTH = 0.75;
/** Image inputs a generation custom model varies, first given wins. */
const REFERENCE_INPUTS = ['image', 'controlImage', 'referenceImages', 'imagePrompt'];

/** What a custom runner produces: asset type, cost, renderer. */
interface CustomRun {
  outputType: string;
  cost: number;
  render(): Promise<RenderedImage[]>;
}

/**
 * `POST /generate/custom/{modelId}`: the body is the model's own inputs, checked against its
 * `inputs[]`; fields the model does not take are ignored, as the real API does.
 */
export function custom(modelId: string): Generator {
  return async (body, { context, images, seed: drawSeed, ignore }) => {
    const model = context.models.get(modelId);
    if (!model) throw notFound(`Model ${modelId} not found`);
    if (!model.runner || !model.wire.inputs) {
      throw badRequest(
        `Model ${modelId} cannot run through /generate/custom; use the /generate/{inferenceType} endpoints`,
      );
    }
    const inputs = await validateCustomInputs(model.wire.inputs, body, images);
    ignore(inputs.unknown);
    const seed = drawSeed(inputs.values.seed);
    const run = plan(model, inputs, seed, (count) => checkBatch(context, 'numOutputs', count));
    const parent = REFERENCE_INPUTS.map((name) => inputs.images[name]?.[0]).find(Boolean);
    return {
      jobType: 'custom',
      input: { ...inputs.values, modelId },
      cost: run.cost,
      outputType: run.outputType,
      outputMetadata: echo({ modelId, prompt: inputs.values.prompt, seed }, { parentId: parent?.assetId }),
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
  if (model.runner === 'generate') return generation(values, images, seed, batch);
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
      const options = { backgroundColor: cssColour(values.backgroundColor) };
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

/** Text-to-image (or, with a reference image, image-to-image) custom models: `numOutputs` images. */
function generation(
  values: Record<string, unknown>,
  images: Record<string, ResolvedImage[]>,
  seed: number,
  batch: (n: number) => number,
): CustomRun {
  const count = batch((values.numOutputs as number | undefined) ?? 1);
  const reference = REFERENCE_INPUTS.map((name) => images[name]?.[0]).find(Boolean);
  const fromReference = (side: number) => Math.max(SIDE_STEP, Math.floor(side / SIDE_STEP) * SIDE_STEP);
  const [width, height] = ASPECT_SIZES[values.aspectRatio as string] ?? [
    (values.width as number | undefined) ?? (reference ? fromReference(reference.info.width) : DEFAULT_SIDE),
    (values.height as number | undefined) ?? (reference ? fromReference(reference.info.height) : DEFAULT_SIDE),
  ];
  return {
    outputType: reference ? 'inference-img2img' : 'inference-txt2img',
    cost: generationCost('custom', count, width, height),
    render: () =>
      renderGeneration({
        width,
        height,
        seed,
        count,
        prompt: String(values.prompt ?? ''),
        strength: (values.strength as number | undefined) ?? DEFAULT_STRENGTH,
        ...(reference ? { reference: reference.bytes } : {}),
      }),
  };
}

/** A colour as sharp reads it: the model pages write hex without `#`; none (or empty) means transparent. */
function cssColour(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return /^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) ? `#${value}` : value;
}
