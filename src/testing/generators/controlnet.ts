import { ControlNetBodySchema } from '../../schemas/controlnet.js';
import { generationCost } from '../cost.js';
import { badRequest } from '../errors.js';
import { styliseImages } from '../images/stylise.js';
import { FAMILIES, type ModelFamily } from '../model-catalog.js';
import { parseWith } from '../request.js';
import { checkBatch, echo, type Generator, outputSize, typedJobType, typedModel } from './generator.js';
import { DEFAULT_STRENGTH } from './img2img.js';

/**
 * `POST /generate/controlnet` (`image` is the control map) and `/generate/controlnet-img2img`
 * (`image` is the init image, `controlImage` the map, `strength` applies). Outputs are seeded
 * stylised variants of the init image (or of the map).
 */
export function controlnet(variant: 'controlnet' | 'controlnet-img2img'): Generator {
  return async (body, { context, images, seed: drawSeed }) => {
    const input = parseWith(ControlNetBodySchema, body);
    const model = typedModel(context, input.modelId, variant);
    checkModality(model.family, model.wire.id, input.modality);
    const controlImage = input.controlImage ?? input.controlImageId;
    if (variant === 'controlnet' && (controlImage !== undefined || input.strength !== undefined)) {
      throw badRequest('controlImage and strength are only accepted by /generate/controlnet-img2img');
    }
    if (variant === 'controlnet-img2img' && controlImage === undefined)
      throw badRequest('Input controlImage is required');
    const samples = checkBatch(context, 'numSamples', input.numSamples ?? 1);
    const image = await images.resolve(input.image, 'image');
    const control = controlImage === undefined ? undefined : await images.resolve(controlImage, 'controlImage');
    const { width, height } = outputSize(model.family, input, image.info);
    const strength = input.strength ?? DEFAULT_STRENGTH;
    const seed = drawSeed(input.seed);
    return {
      jobType: typedJobType(model.family),
      input: echo({ ...input, type: variant }, { image: image.assetId, controlImage: control?.assetId }),
      cost: generationCost(model.family, samples, width, height),
      outputType: `inference-${variant}`,
      outputMetadata: echo(
        { modelId: model.wire.id, prompt: input.prompt, modality: input.modality, seed, strength },
        { parentId: image.assetId },
      ),
      hideResults: input.hideResults ?? false,
      render: () => styliseImages(image.bytes, { width, height, strength, seed }, samples),
    };
  };
}

/** The family's own rules: which modalities and presets, and whether Flux's "exactly one" applies. */
function checkModality(family: ModelFamily, modelId: string, modality: string): void {
  const { modalities, presets, singleModality } = FAMILIES[family];
  const names = modality.split(',').map((part) => part.split(':')[0]?.trim() ?? '');
  const allowed = [...modalities, ...presets];
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    throw badRequest(`Unsupported modality "${unknown}" for ${modelId} (supported: ${allowed.join(', ')})`);
  }
  if (singleModality && names.length > 1) throw badRequest(`${modelId} takes exactly one modality, got "${modality}"`);
}
