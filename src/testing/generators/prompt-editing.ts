import { editCost } from '../cost.js';
import { renderGeneration } from '../images/generation.js';
import { assetImages, checkBatch, echo, type Generator, renderStyles } from './generator.js';

/** How far an edit moves from the image, when `strength` does not say. */
const DEFAULT_EDIT_STRENGTH = 0.5;
/** How strongly reference images pull the edit. */
const REFERENCE_SCALE = 0.5;

/**
 * `POST /generate/prompt-editing`: `numSamples` variants of the image at its size, as far from it
 * as `strength` says (default 0.5), pulled towards the reference images' palettes. The model,
 * `aspectRatio`, `mask` and the gpt-image-1 options are accepted and not modelled.
 */
export const promptEditing: Generator = async (body, { context, images, seed: drawSeed }) => {
  const image = await images.resolve(body.image as string, 'image');
  const mask = typeof body.mask === 'string' ? await images.resolve(body.mask, 'mask') : undefined;
  const references = await assetImages(body, images, 'referenceImages');
  const samples = checkBatch(context, 'numSamples', (body.numSamples as number | undefined) ?? 1);
  const seed = drawSeed(body.seed);
  const { width, height } = image.info;
  return {
    jobType: 'image-prompt-editing',
    input: echo(
      { ...body, type: 'prompt-editing' },
      {
        image: image.assetId,
        mask: mask?.assetId,
        referenceImages: body.referenceImages ? references.map((r) => r.assetId) : undefined,
      },
    ),
    cost: editCost(samples, width, height),
    outputType: 'image-prompt-editing',
    outputMetadata: echo({ prompt: body.prompt, modelId: body.modelId, seed }, { parentId: image.assetId }),
    hideResults: false,
    render: () =>
      renderGeneration({
        width,
        height,
        seed,
        count: samples,
        prompt: body.prompt as string,
        strength: (body.strength as number | undefined) ?? DEFAULT_EDIT_STRENGTH,
        reference: image.bytes,
        ...renderStyles(references, REFERENCE_SCALE),
      }),
  };
};
