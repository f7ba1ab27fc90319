import { Img2ImgBodySchema } from '../../schemas/img2img.js';
import { generationCost } from '../cost.js';
import { styliseImages } from '../images/stylise.js';
import { parseWith } from '../request.js';
import { checkBatch, echo, type Generator, outputSize, typedJobType, typedModel } from './generator.js';

/** Default `strength` of img2img (the API's documented default). */
export const DEFAULT_STRENGTH = 0.75;

/** `POST /generate/img2img`: seeded stylised variants of the reference, as far from it as `strength` says. */
export const img2img: Generator = async (body, { context, images, seed: drawSeed }) => {
  const input = parseWith(Img2ImgBodySchema, body);
  const model = typedModel(context, input.modelId, 'img2img');
  const samples = checkBatch(context, 'numSamples', input.numSamples ?? 1);
  const image = await images.resolve(input.image, 'image', { parentId: input.imageParentId, hide: input.imageHide });
  const { width, height } = outputSize(model.family, input, image.info);
  const strength = input.strength ?? DEFAULT_STRENGTH;
  const seed = drawSeed(input.seed);
  return {
    jobType: typedJobType(model.family),
    input: echo({ ...input, type: 'img2img' }, { image: image.assetId }),
    cost: generationCost(model.family, samples, width, height),
    outputType: 'inference-img2img',
    outputMetadata: echo(
      { modelId: model.wire.id, prompt: input.prompt, negativePrompt: input.negativePrompt, seed, strength },
      { parentId: image.assetId },
    ),
    hideResults: input.hideResults ?? false,
    render: () => styliseImages(image.bytes, { width, height, strength, seed }, samples),
  };
};
