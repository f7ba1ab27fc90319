import { DetectModalitySchema } from '../schemas/detect.js';
import type { Model, ModelInput } from '../schemas/model.js';

/** Base-model families of the typed `/generate/*` endpoints; each has its own sizes and ControlNet modalities. */
export type ModelFamily = 'flux' | 'sdxl' | 'sd15';

/** What a `/generate/custom/{modelId}` model does with its inputs. */
export type CustomRunner = 'upscale' | 'remove-background' | 'detect' | 'generate';

/** A seeded model: its wire shape plus how the emulator runs it. */
export interface CatalogModel {
  /** `GET /models/{id}` body, minus the timestamps and owner filled in when served. */
  wire: Model;
  /** Set for models the typed endpoints (img2img, controlnet) accept. */
  family?: ModelFamily;
  /** Set for models `/generate/custom` runs; they carry `inputs[]`. */
  runner?: CustomRunner;
  /** Trained models belong to the emulator's default project; the rest are public. */
  trained?: boolean;
}

/** Per family: allowed output sizes and ControlNet modalities. */
export const FAMILIES: Record<
  ModelFamily,
  { minSize: number; maxSize: number; modalities: string[]; presets: string[]; singleModality: boolean }
> = {
  flux: {
    minSize: 64,
    maxSize: 2048,
    modalities: ['canny', 'tile', 'depth', 'blur', 'pose', 'gray', 'low-quality'],
    presets: [],
    singleModality: true,
  },
  sdxl: {
    minSize: 512,
    maxSize: 2048,
    modalities: ['canny', 'pose', 'depth', 'seg', 'illusion', 'scribble'],
    presets: ['character', 'landscape'],
    singleModality: false,
  },
  sd15: {
    minSize: 64,
    maxSize: 1024,
    modalities: ['canny', 'pose', 'depth', 'lines', 'seg', 'scribble', 'lineart', 'normal-map', 'illusion'],
    presets: ['character', 'landscape', 'city', 'interior'],
    singleModality: false,
  },
};

const imageInput = (name: string, label: string): ModelInput => ({
  name,
  type: 'file',
  kind: 'image',
  label,
  required: { always: true },
});

const typed = (id: string, name: string, type: string, family: ModelFamily, trained = false): CatalogModel => ({
  wire: {
    id,
    name,
    type,
    status: 'trained',
    privacy: trained ? 'private' : 'public',
    capabilities: ['txt2img', 'img2img', 'controlnet'],
    tags: trained ? ['emulator'] : [],
  },
  family,
  trained,
});

const custom = (id: string, name: string, runner: CustomRunner, inputs: ModelInput[]): CatalogModel => ({
  wire: { id, name, type: 'custom', status: 'trained', privacy: 'public', capabilities: [runner], tags: [], inputs },
  runner,
});

/** The models every emulator starts with. */
export const SEEDED_MODELS: readonly CatalogModel[] = [
  typed('flux.1-dev', 'Flux.1 [dev]', 'flux.1', 'flux'),
  typed('stable-diffusion-xl-base-1.0', 'SDXL 1.0', 'sd-xl', 'sdxl'),
  typed('stable-diffusion-v1-5', 'Stable Diffusion 1.5', 'sd-1_5', 'sd15'),
  typed('model_emulator-watercolor-style', 'Watercolor Style (emulator)', 'flux.1-lora', 'flux', true),
  typed('model_emulator-knight-character', 'Knight Character (emulator)', 'sd-xl-lora', 'sdxl', true),
  custom('model_upscale-v3', 'Scenario Upscale V3', 'upscale', [
    imageInput('image', 'Image'),
    { name: 'upscaleFactor', type: 'number', label: 'Upscale factor', default: 2, min: 1, max: 16, step: 1 },
    {
      name: 'style',
      type: 'string',
      default: 'standard',
      allowedValues: ['standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography'],
    },
    { name: 'preset', type: 'string', default: 'precise', allowedValues: ['precise', 'balanced', 'creative'] },
    { name: 'strength', type: 'number', label: 'Creativity', default: 0.1, min: 0, max: 1, step: 0.01 },
    { name: 'prompt', type: 'string', maxLength: 2000 },
    { name: 'seed', type: 'number', min: 0, max: 2_147_483_647, step: 1 },
  ]),
  custom('model_photoroom-background-removal', 'Photoroom Background Removal', 'remove-background', [
    imageInput('image', 'Image'),
    { name: 'backgroundColor', type: 'string', default: 'transparent', maxLength: 32 },
  ]),
  custom('model_scenario-detection', 'Scenario Detection', 'detect', [
    imageInput('image', 'Image'),
    {
      name: 'modality',
      type: 'string',
      default: 'canny',
      allowedValues: DetectModalitySchema.options,
    },
  ]),
  custom('model_bfl-flux-2-dev', 'FLUX.2 [dev]', 'generate', [
    { name: 'prompt', type: 'string', label: 'Prompt', minLength: 1, maxLength: 4000, required: { always: true } },
    { name: 'referenceImages', type: 'file_array', kind: 'image', label: 'Reference images', maxSize: 4 },
    {
      name: 'aspectRatio',
      type: 'string',
      default: '1:1',
      allowedValues: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'],
    },
    { name: 'numOutputs', type: 'number', default: 1, min: 1, max: 4, step: 1 },
    { name: 'strength', type: 'number', default: 0.75, min: 0.01, max: 1, step: 0.01 },
    { name: 'seed', type: 'number', min: 0, max: 2_147_483_647, step: 1 },
  ]),
];
