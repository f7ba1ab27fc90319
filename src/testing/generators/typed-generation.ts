import { generationCost } from '../cost.js';
import { badRequest } from '../errors.js';
import type { ImageResolver, ResolvedImage } from '../image-inputs.js';
import { renderGeneration } from '../images/generation.js';
import type { StyleType } from '../images/style-images.js';
import { FAMILIES, type ModelFamily } from '../model-catalog.js';
import { operationContract } from '../spec/operations.js';
import { checkBatch, echo, firstImage, type Generator, outputSize, typedJobType, typedModel } from './generator.js';

/**
 * What a typed generation route takes besides the prompt: an init image, a mask, a control map,
 * style images; and whether its outputs tile (the `-texture` routes).
 */
interface RouteShape {
  init?: true;
  mask?: true;
  control?: true;
  style?: true;
  seamless?: true;
}

/** The typed generation routes, by name (`/generate/{name}`). */
export const TYPED_GENERATION_ROUTES = {
  txt2img: {},
  'txt2img-ip-adapter': { style: true },
  img2img: { init: true },
  'img2img-ip-adapter': { init: true, style: true },
  inpaint: { init: true, mask: true },
  'inpaint-ip-adapter': { init: true, mask: true, style: true },
  controlnet: { control: true },
  'controlnet-img2img': { init: true, control: true },
  'controlnet-inpaint': { init: true, mask: true, control: true },
  'controlnet-ip-adapter': { control: true, style: true },
  'controlnet-inpaint-ip-adapter': { init: true, mask: true, control: true, style: true },
  'txt2img-texture': { seamless: true },
  'img2img-texture': { init: true, seamless: true },
  'controlnet-texture': { control: true, seamless: true },
} as const satisfies Record<string, RouteShape>;

/** A typed generation route's name. */
export type TypedGenerationRoute = keyof typeof TYPED_GENERATION_ROUTES;

/** The body fields a typed generation reads, as its swagger contract has already checked them. */
interface GenerationFields {
  modelId: string;
  prompt: string;
  negativePrompt?: string;
  numSamples?: number;
  width?: number;
  height?: number;
  seed?: string | number;
  hideResults?: boolean;
  strength?: number;
  imageParentId?: string;
  imageHide?: boolean;
  disableMerging?: boolean;
  modality?: string;
  ipAdapterImages?: string[];
  ipAdapterImageIds?: string[];
  ipAdapterImage?: string;
  ipAdapterImageId?: string;
  ipAdapterScales?: number[];
  ipAdapterScale?: number;
  ipAdapterType?: StyleType;
}

/** Where each input comes from, newest field first: deprecated aliases are read when the current field is absent. */
const INIT_FIELDS = ['image', 'imageId'];
const CONTROL_FIELDS = ['controlImage', 'controlImageId'];
const MASK_FIELDS = ['mask', 'maskId'];

/**
 * `POST /generate/{route}` for txt2img, img2img, inpaint, ControlNet and their `-ip-adapter`
 * variants. Outputs: drawn from the prompt (txt2img) or seeded stylised variants of the init
 * image or control map, as far from it as `strength` says; pulled towards the style images;
 * with a mask, changed only where it is white; on the `-texture` routes, tiles whose left edge
 * continues the right one and top the bottom. (`img2img-texture` lists `mask` too, read as on
 * img2img: not at all.)
 */
export function typedGeneration(route: TypedGenerationRoute): Generator {
  const shape: RouteShape = TYPED_GENERATION_ROUTES[route];
  const contract = operationContract(`POST /generate/${route}`).body;
  const defaults = {
    size: Number(contract.width?.default ?? 512),
    strength: Number(contract.strength?.default ?? 0.75),
    scale: Number(contract.ipAdapterScales?.items?.default ?? 0.9),
  };
  return async (body, { context, images, seed: drawSeed }) => {
    const input = body as unknown as GenerationFields;
    const model = typedModel(context, input.modelId, route);
    if (shape.control && input.modality !== undefined) checkModality(model.family, model.wire.id, input.modality);
    const samples = checkBatch(context, 'numSamples', input.numSamples ?? 1);
    const lineage = { parentId: input.imageParentId, hide: input.imageHide };
    // Plain ControlNet has no init image: its `image` is the control map.
    const init = shape.init ? await required(firstImage(body, images, INIT_FIELDS, lineage), 'image') : undefined;
    const controlFields = shape.init ? CONTROL_FIELDS : [...CONTROL_FIELDS, ...INIT_FIELDS];
    const control = shape.control
      ? await required(
          firstImage(body, images, controlFields, init ? {} : lineage),
          shape.init ? 'controlImage' : 'image',
        )
      : undefined;
    const mask = shape.mask ? await required(firstImage(body, images, MASK_FIELDS), 'mask') : undefined;
    const styles = shape.style ? await styleImages(input, images, defaults.scale) : undefined;
    const reference = init ?? control;
    const { width, height } = outputSize(
      model.family,
      input,
      reference?.info ?? { width: defaults.size, height: defaults.size },
    );
    const strength = input.strength ?? defaults.strength;
    const seed = drawSeed(input.seed);
    const echoed = Object.fromEntries(
      [init, control, mask].filter((image) => image !== undefined).map((image) => [image.field, image.assetId]),
    );
    return {
      jobType: typedJobType(model.family),
      input: echo({ ...input, type: route }, { ...echoed, ...styles?.echo }),
      cost: generationCost(model.family, samples, width, height),
      outputType: `inference-${route}`,
      outputMetadata: echo(
        {
          modelId: model.wire.id,
          prompt: input.prompt,
          negativePrompt: input.negativePrompt,
          seed,
          ...(reference ? { strength } : {}),
          modality: input.modality,
        },
        { parentId: reference?.assetId },
      ),
      hideResults: input.hideResults ?? false,
      render: () =>
        renderGeneration({
          width,
          height,
          seed,
          count: samples,
          prompt: input.prompt,
          strength,
          ...(reference ? { reference: reference.bytes } : {}),
          ...(mask ? { mask: mask.bytes, disableMerging: input.disableMerging ?? false } : {}),
          ...(styles ? { styles: { images: styles.images, type: input.ipAdapterType ?? 'style' } } : {}),
          ...(model.trainedOn ? { trainedOn: model.trainedOn } : {}),
          ...(shape.seamless ? { tiling: 'both' as const } : {}),
        }),
    };
  };
}

async function required<T>(image: Promise<T | undefined>, field: string): Promise<T> {
  const resolved = await image;
  if (resolved === undefined) throw badRequest(`Input ${field} is required`);
  return resolved;
}

/**
 * The style images and their scales. Images: `ipAdapterImages`, else `ipAdapterImageIds`, else
 * the deprecated singular fields. Scales: one per image, or one for all, or the default.
 */
async function styleImages(input: GenerationFields, images: ImageResolver, defaultScale: number) {
  const [field, refs] = (
    [
      ['ipAdapterImages', input.ipAdapterImages],
      ['ipAdapterImageIds', input.ipAdapterImageIds],
      ['ipAdapterImage', input.ipAdapterImage && [input.ipAdapterImage]],
      ['ipAdapterImageId', input.ipAdapterImageId && [input.ipAdapterImageId]],
    ] as const
  ).find(([, given]) => given !== undefined && given.length > 0) ?? ['ipAdapterImages', undefined];
  if (!refs) throw badRequest('Input ipAdapterImages is required');
  const resolved: ResolvedImage[] = await Promise.all(refs.map((ref) => images.resolve(ref, field)));
  const scales = input.ipAdapterScales ?? (input.ipAdapterScale === undefined ? [] : [input.ipAdapterScale]);
  if (scales.length > 1 && scales.length !== resolved.length) {
    throw badRequest(
      `ipAdapterScales has ${scales.length} values for ${resolved.length} style images: give one per image, or one for all`,
    );
  }
  const scaleOf = (index: number) => scales[scales.length === 1 ? 0 : index] ?? defaultScale;
  const ids = resolved.map((image) => image.assetId);
  return {
    images: resolved.map((image, index) => ({ bytes: image.bytes, scale: scaleOf(index) })),
    echo: { [field]: field.endsWith('s') ? ids : ids[0] },
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
