import { z } from 'zod';
import { AssetSchema } from './assets.js';
import { JobSchema } from './jobs.js';

/** An image as the API takes it: an asset id (`asset_…`) or a base64 data URL. */
export const ImageRefSchema = z
  .string()
  .regex(
    /^(asset_\S+|data:image\/[\w.+-]+;base64,\S+)$/,
    'expected an asset id (asset_…) or a data:image/…;base64 URL',
  );

/** Schedulers accepted by the typed `/generate/*` endpoints; omitted = the model's default. */
export const SchedulerSchema = z.enum([
  'DDIMScheduler',
  'DDPMScheduler',
  'DEISMultistepScheduler',
  'DPMSolverMultistepScheduler',
  'DPMSolverSinglestepScheduler',
  'EulerAncestralDiscreteScheduler',
  'EulerDiscreteScheduler',
  'HeunDiscreteScheduler',
  'KDPM2AncestralDiscreteScheduler',
  'KDPM2DiscreteScheduler',
  'LCMScheduler',
  'LMSDiscreteScheduler',
  'PNDMScheduler',
  'TCDScheduler',
  'UniPCMultistepScheduler',
]);
export type Scheduler = z.output<typeof SchedulerSchema>;

/** Output size in pixels: a multiple of 8 between 64 and 2048. */
export const DimensionSchema = z.number().int().min(64).max(2048).multipleOf(8, 'must be a multiple of 8');

/** Seed for reproducible outputs; random when omitted. */
export const SeedSchema = z.number().int().min(0).max(2_147_483_647);

/** A LoRA/concept mixed into the generation. */
export const ConceptSchema = z.strictObject({
  modelId: z.string().min(1),
  scale: z.number().min(-2).max(2),
  modelEpoch: z.string().optional(),
});

/** Fields shared by txt2img, img2img, inpaint and controlnet bodies (scenario-api.md §6.3). */
export const GenerationBaseBodySchema = z.strictObject({
  /** Model id, e.g. `flux.1-dev` or a trained `model_…`. */
  modelId: z.string().min(1),
  /** The prompt, including the model's concept token if it has one. */
  prompt: z.string().trim().min(1, 'must not be empty'),
  negativePrompt: z.string().optional(),
  /** Flux-dev only; must be > 0 for `negativePrompt` to have any effect there. */
  negativePromptStrength: z.number().min(0).max(10).optional(),
  /** Images to make, 1–128 (plans may cap it lower). */
  numSamples: z.number().int().min(1).max(128).optional(),
  /** Prompt adherence; the useful range depends on the model (Flux dev 0–10, SDXL 0–20). */
  guidance: z.number().min(0).max(20).optional(),
  numInferenceSteps: z.number().int().min(1).max(150).optional(),
  width: DimensionSchema.optional(),
  height: DimensionSchema.optional(),
  seed: SeedSchema.optional(),
  scheduler: SchedulerSchema.optional(),
  /** Hide the outputs from listings. */
  hideResults: z.boolean().optional(),
  intermediateImages: z.boolean().optional(),
  concepts: z.array(ConceptSchema).optional(),
  modelEpoch: z.string().optional(),
  baseModelId: z.string().optional(),
});

/** IP-risk screening result, when the server ran it. */
export const IpDetectionSchema = z.looseObject({
  action: z.string(),
  flagged: z.boolean(),
  creativeUnitsCharged: z.number().optional(),
  evaluatedFilters: z.number().optional(),
  findings: z.array(z.looseObject({ category: z.string(), flagged: z.boolean() })).optional(),
});

/** Answer of every `POST /generate/*`: the new job and what it costs. */
export const GenerationSubmitResponseSchema = z.looseObject({
  job: JobSchema,
  creativeUnitsCost: z.number().optional(),
  creativeUnitsDiscount: z.number().optional(),
  asset: AssetSchema.optional(),
  ipDetection: IpDetectionSchema.optional(),
});
export type GenerationSubmitResponse = z.output<typeof GenerationSubmitResponseSchema>;

/** Answer of a `?dryRun=true` quote (HTTP 269): the cost, and an empty job. */
export const DryRunResponseSchema = z.looseObject({
  creativeUnitsCost: z.number(),
  creativeUnitsDiscount: z.number().optional(),
  costDetails: z.record(z.string(), z.unknown()).optional(),
});

/** What a generation would cost, from a dry run. No job is created. */
export const CostEstimateSchema = z.object({
  creativeUnitsCost: z.number(),
  creativeUnitsDiscount: z.number().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CostEstimate = z.output<typeof CostEstimateSchema>;
