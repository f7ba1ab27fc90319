import type { Model, ModelInput } from '../schemas/model.js';
import { operationContract } from './spec/operations.js';

/** Base-model families of the typed `/generate/*` endpoints; each has its own sizes and ControlNet modalities. */
export type ModelFamily = 'flux' | 'sdxl' | 'sd15';

/** What a `/generate/custom/{modelId}` model does with its inputs. */
export type CustomRunner = 'upscale' | 'remove-background' | 'detect' | 'generate';

/**
 * A model a test adds to the emulator's catalog (`createEmulator({ models: [...] })`). Without
 * `inputs` it runs on the typed endpoints (txt2img, img2img, inpaint, controlnet…) as a model of
 * `family`; with `inputs` it runs through `/generate/custom/{id}`, its body checked against them.
 *
 * @example
 * ```ts
 * createEmulator({ models: [{ id: 'model_my-pixel-lora', family: 'sdxl' }] });
 * ```
 */
export interface EmulatorModel {
  /** The model id, e.g. `model_my-pixel-lora`. */
  id: string;
  /** Display name. Default: the id. */
  name?: string;
  /** `private` (default): a trained model of the emulator's default project. `public`: in the public catalog. */
  privacy?: 'private' | 'public';
  /** `type` on the wire (`flux.1-lora`, `sd-xl-lora`, `custom`…). Default: from the family, or `custom`. */
  type?: string;
  /** Base family for the typed endpoints. Default `flux` (for a model without `inputs`). */
  family?: ModelFamily;
  /** The `inputs[]` contract of a `/generate/custom` model. */
  inputs?: ModelInput[];
  /** What a custom model renders: `generate` (default; from `prompt` and any image input), `upscale`, `remove-background`, `detect`. */
  runner?: CustomRunner;
}

/** A model of the catalog: its wire shape plus how the emulator runs it. */
export interface CatalogModel {
  /** `GET /models/{id}` body, minus the timestamps and owner filled in when served. */
  wire: Model;
  /** Set for models the typed endpoints accept. */
  family?: ModelFamily;
  /** Set for models `/generate/custom` runs; they carry `inputs[]`. */
  runner?: CustomRunner;
  /** A model trained on the emulator: the images it learnt from, whose palette its outputs lean to. */
  trainedOn?: readonly Uint8Array[];
}

/** Per family: allowed output sizes and ControlNet modalities. */
export const FAMILIES: Record<
  ModelFamily,
  { minSize: number; maxSize: number; modalities: string[]; presets: string[]; singleModality: boolean; type: string }
> = {
  flux: {
    minSize: 64,
    maxSize: 2048,
    modalities: ['canny', 'tile', 'depth', 'blur', 'pose', 'gray', 'low-quality'],
    presets: [],
    singleModality: true,
    type: 'flux.1',
  },
  sdxl: {
    minSize: 512,
    maxSize: 2048,
    modalities: ['canny', 'pose', 'depth', 'seg', 'illusion', 'scribble'],
    presets: ['character', 'landscape'],
    singleModality: false,
    type: 'sd-xl',
  },
  sd15: {
    minSize: 64,
    maxSize: 1024,
    modalities: ['canny', 'pose', 'depth', 'lines', 'seg', 'scribble', 'lineart', 'normal-map', 'illusion'],
    presets: ['character', 'landscape', 'city', 'interior'],
    singleModality: false,
    type: 'sd-1_5',
  },
};

/** The catalog entry of a model given as {@link EmulatorModel}. */
export function catalogModel(model: EmulatorModel): CatalogModel {
  const custom = model.inputs !== undefined;
  const family = custom ? undefined : (model.family ?? 'flux');
  const wire: Model = {
    id: model.id,
    name: model.name ?? model.id,
    type: model.type ?? (family ? FAMILIES[family].type : 'custom'),
    status: 'trained',
    privacy: model.privacy ?? 'private',
    capabilities: capabilities(custom ? (model.runner ?? 'generate') : undefined),
    tags: [],
    ...(custom ? { inputs: model.inputs } : {}),
  };
  return custom ? { wire, runner: model.runner ?? 'generate' } : { wire, family };
}

/** What the model pages list: generation models make and edit images, tools only edit them. */
function capabilities(runner: CustomRunner | undefined): string[] {
  if (runner === undefined) return ['txt2img', 'img2img', 'controlnet'];
  return runner === 'generate' ? ['txt2img', 'img2img'] : ['img2img'];
}

const SEED_MAX = 2_147_483_647;
const seed: ModelInput = { name: 'seed', type: 'number', min: 0, max: SEED_MAX, step: 1 };
const image = (name: string, label: string, required = false): ModelInput => ({
  name,
  type: 'file',
  kind: 'image',
  label,
  ...(required ? { required: { always: true } } : {}),
});
const prompt: ModelInput = { name: 'prompt', type: 'string', label: 'Prompt', required: { always: true } };
/** A LoRA (or several) mixed into a Flux generation. */
const loras: ModelInput[] = [
  { name: 'modelId', type: 'model', label: 'LoRA or composition' },
  { name: 'loras', type: 'model_array', label: 'LoRAs' },
  { name: 'lorasScale', type: 'number_array', label: 'LoRA scales', min: 0, max: 2 },
];
const numOutputs: ModelInput = { name: 'numOutputs', type: 'number', default: 1, min: 1, max: 4, step: 1 };
/** Output side of the Flux custom models: a multiple of 16 in 128–2048. */
const side = (name: 'width' | 'height', fallback?: number): ModelInput => ({
  name,
  type: 'number',
  min: 128,
  max: 2048,
  step: 16,
  ...(fallback === undefined ? {} : { default: fallback }),
});

/** The PBR maps a material model predicts: all of them by default, each at most once. */
const PBR_MAPS = ['basecolor', 'normal', 'roughness', 'metalness', 'height'];

/** The detect modalities, from the swagger (the custom detection model takes the same ones). */
const DETECT_MODALITIES = operationContract('POST /generate/detect').body.modality?.enum ?? [];

/** Public custom models users copy from Scenario's model pages, each with its documented `inputs[]`. */
const PUBLIC_CUSTOM_MODELS: EmulatorModel[] = [
  {
    id: 'model_bfl-flux-2-dev',
    name: 'FLUX.2 [dev]',
    inputs: [
      ...loras,
      prompt,
      { name: 'referenceImages', type: 'file_array', kind: 'image', label: 'Reference images' },
      numOutputs,
      { name: 'numInferenceSteps', type: 'number', default: 28, min: 1, max: 100, step: 1 },
      side('width'),
      side('height'),
      { name: 'guidance', type: 'number', default: 4, min: 1, max: 10 },
      seed,
    ],
  },
  {
    id: 'model_bfl-flux-1-dev',
    name: 'FLUX.1 [dev]',
    inputs: [
      ...loras,
      prompt,
      image('image', 'Input image for img2img'),
      { name: 'strength', type: 'number', default: 0.8, min: 0.01, max: 1 },
      image('controlImage', 'Control image'),
      {
        name: 'controlModality',
        type: 'string',
        default: 'canny',
        allowedValues: FAMILIES.flux.modalities,
      },
      { name: 'controlStrength', type: 'number', default: 0.7, min: 0, max: 1 },
      { name: 'controlStart', type: 'number', default: 0, min: 0, max: 1 },
      { name: 'controlEnd', type: 'number', default: 1, min: 0, max: 1 },
      numOutputs,
      { name: 'numInferenceSteps', type: 'number', default: 28, min: 1, max: 50, step: 1 },
      side('width', 1104),
      side('height', 832),
      { name: 'guidance', type: 'number', default: 3.5, min: 0, max: 10 },
      seed,
    ],
  },
  // Modelled on the live records (test/fixtures/live/): conditional requirements, array limits.
  {
    id: 'model_openai-gpt-image-2',
    name: 'GPT Image 2',
    inputs: [
      prompt,
      {
        name: 'referenceImages',
        type: 'file_array',
        kind: 'image',
        label: 'Reference Images',
        maxLength: 10,
        required: { ifDefined: { mask: { message: 'A reference image is required when a mask is provided.' } } },
      },
      image('mask', 'Mask'),
      { ...numOutputs, max: 10 },
      { name: 'width', type: 'number', min: 16, max: 3840, step: 16 },
      { name: 'height', type: 'number', min: 16, max: 3840, step: 16 },
      { name: 'quality', type: 'string', default: 'auto', allowedValues: ['auto', 'high', 'medium', 'low'] },
      { name: 'background', type: 'string', default: 'auto', allowedValues: ['auto', 'opaque', 'transparent'] },
    ],
  },
  {
    id: 'model_patina-material',
    name: 'PATINA Material',
    inputs: [
      prompt,
      {
        ...image('image', 'Image'),
        required: { ifDefined: { mask: { message: 'An image is required when a mask is provided.' } } },
      },
      { name: 'imageStrength', type: 'number', default: 0.6, min: 0.01, max: 1 },
      image('mask', 'Mask'),
      side('width', 1024),
      side('height', 1024),
      {
        name: 'maps',
        type: 'string_array',
        label: 'Maps',
        allowedValues: PBR_MAPS,
        default: PBR_MAPS,
        maxLength: PBR_MAPS.length,
      },
      { name: 'upscaleFactor', type: 'number', default: 0, allowedValues: [0, 2, 4] },
      { name: 'tilingMode', type: 'string', default: 'both', allowedValues: ['both', 'horizontal', 'vertical'] },
      numOutputs,
      seed,
    ],
  },
  {
    id: 'model_upscale-v3',
    name: 'Scenario Upscale V3',
    runner: 'upscale',
    inputs: [
      image('image', 'Image to upscale', true),
      {
        name: 'style',
        type: 'string',
        default: 'standard',
        allowedValues: ['standard', 'cartoon', 'anime', 'comic', 'minimalist', 'photography', '3d-rendered'],
      },
      { name: 'upscaleFactor', type: 'number', label: 'Scaling factor', default: 2, min: 1, max: 16 },
      { name: 'preset', type: 'string', default: 'precise', allowedValues: ['precise', 'balanced', 'creative'] },
      { name: 'styleImages', type: 'file_array', kind: 'image', label: 'Style images', maxLength: 10 },
      { name: 'styleStrength', type: 'number', default: 0.5, min: 0, max: 3 },
      { name: 'tileStyle', type: 'boolean', default: false },
      { name: 'prompt', type: 'string' },
      { name: 'negativePrompt', type: 'string' },
      { name: 'guidanceScale', type: 'number', default: 6, min: 0, max: 10 },
      { name: 'controlnetConditioningScale', type: 'number', default: 0.8, min: 0, max: 1.2 },
      { name: 'strength', type: 'number', label: 'Creativity', default: 0.1, min: 0.1, max: 1 },
      { name: 'fractality', type: 'number', default: 0, min: 0, max: 1 },
      { name: 'loraDetailsScale', type: 'number', default: 0, min: -1.5, max: 1.5 },
      seed,
      { name: 'strengthDecay', type: 'number', default: 0.8, min: 0.1, max: 1 },
      { name: 'overrideEmbeddings', type: 'boolean', default: false },
    ],
  },
  {
    id: 'model_photoroom-background-removal',
    name: 'Photoroom Background Removal',
    runner: 'remove-background',
    inputs: [
      image('image', 'Input image', true),
      { name: 'backgroundColor', type: 'string', label: 'Hex without # or an HTML colour name; none = transparent' },
      { name: 'shadowMode', type: 'string', allowedValues: ['', 'soft', 'hard', 'floating'] },
      { name: 'hdBackgroundRemoval', type: 'boolean', default: false },
      { name: 'keepExistingTransparency', type: 'string', default: 'never', allowedValues: ['auto', 'never'] },
    ],
  },
  {
    id: 'model_scenario-detection',
    name: 'Scenario Detection',
    runner: 'detect',
    inputs: [
      image('image', 'Input image', true),
      {
        name: 'modality',
        type: 'string',
        default: 'canny',
        allowedValues: [...DETECT_MODALITIES],
        required: { always: true },
      },
      { name: 'lowThreshold', type: 'number', default: 100, min: 0, max: 255 },
      { name: 'highThreshold', type: 'number', default: 200, min: 0, max: 255 },
      { name: 'factor', type: 'number', default: 5, min: 0 },
      { name: 'thresholdMin', type: 'number', default: 10, min: 0, max: 100 },
      { name: 'thresholdMax', type: 'number', default: 90, min: 0, max: 100 },
      { name: 'removeBackground', type: 'boolean', default: true },
      { name: 'keypointThreshold', type: 'number', default: 0.3, min: 0, max: 1 },
    ],
  },
];

/** The models every emulator starts with: built-ins for the typed endpoints, two trained models of the default project, public custom models. */
export const SEEDED_MODELS: readonly CatalogModel[] = (
  [
    { id: 'flux.1-dev', name: 'Flux.1 [dev]', privacy: 'public', family: 'flux' },
    { id: 'stable-diffusion-xl-base-1.0', name: 'SDXL 1.0', privacy: 'public', family: 'sdxl' },
    { id: 'stable-diffusion-v1-5', name: 'Stable Diffusion 1.5', privacy: 'public', family: 'sd15' },
    { id: 'model_emulator-watercolor-style', name: 'Watercolor Style (emulator)', type: 'flux.1-lora', family: 'flux' },
    { id: 'model_emulator-knight-character', name: 'Knight Character (emulator)', type: 'sd-xl-lora', family: 'sdxl' },
    ...PUBLIC_CUSTOM_MODELS.map((model) => ({ ...model, privacy: 'public' as const })),
  ] satisfies EmulatorModel[]
).map(catalogModel);
