import * as z from 'zod/mini';
import { AssetSchema } from './asset.js';
import { extraField } from './extra-field.js';
import { JobSchema } from './job.js';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { optionalField } from './optional-field.js';

/** An image as the API takes it: an asset id (`asset_…`) or a base64 data URL. */
export const ImageRefSchema = z
  .string()
  .check(
    z.regex(
      /^(asset_\S+|data:image\/[\w.+-]+;base64,\S+)$/,
      'expected an asset id (asset_…) or a data:image/…;base64 URL',
    ),
  );

/** An image as an asset id only (`asset_…`): the wire form of the `…Id` image fields (`maskId`, `controlImageId`). */
export const AssetIdRefSchema = z.string().check(z.regex(/^asset_\S+$/, 'expected an asset id (asset_…)'));

/** An image as a base64 data URL only: the wire form of `mask`, `controlImage`, `ipAdapterImages`. */
export const DataUrlRefSchema = z
  .string()
  .check(z.regex(/^data:image\/[\w.+-]+;base64,\S+$/, 'expected a data:image/…;base64 URL'));

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
/** The parsed shape of {@link SchedulerSchema}. */
export type Scheduler = z.output<typeof SchedulerSchema>;

/** Output size in pixels: a multiple of 8 between 64 and 2048. */
export const DimensionSchema = z
  .number()
  .check(z.int(), z.minimum(64), z.maximum(2048), z.multipleOf(8, 'must be a multiple of 8'));

/** Seed for reproducible outputs; random when omitted. */
export const SeedSchema = z.number().check(z.int(), z.minimum(0), z.maximum(2_147_483_647));

/** A fraction from 0 to 1. */
export const FractionSchema = z.number().check(z.minimum(0), z.maximum(1));

/** A percentage from 0 to 100 (the API's `…Fidelity` sliders). */
export const PercentSchema = z.number().check(z.minimum(0), z.maximum(100));

/** Denoising steps, 1–150. */
export const InferenceStepsSchema = z.number().check(z.int(), z.minimum(1), z.maximum(150));

/** A prompt the API needs: not empty once trimmed. */
export const PromptSchema = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** A LoRA/concept mixed into the generation. */
export const ConceptSchema = z.strictObject({
  modelId: z.string().check(z.minLength(1)),
  scale: z.number().check(z.minimum(-2), z.maximum(2)),
  modelEpoch: z.optional(z.string()),
});
/** {@link ConceptSchema} as a type. */
export type Concept = z.output<typeof ConceptSchema>;

/** Fields shared by txt2img, img2img, inpaint and controlnet bodies. */
export const GenerationBaseBodySchema = z.strictObject({
  /** Model id, e.g. `flux.1-dev` or a trained `model_…`. */
  modelId: z.string().check(z.minLength(1)),
  /** The prompt, including the model's concept token if it has one. */
  prompt: PromptSchema,
  negativePrompt: z.optional(z.string()),
  /** Flux-dev only; must be > 0 for `negativePrompt` to have any effect there. */
  negativePromptStrength: z.optional(z.number().check(z.minimum(0), z.maximum(10))),
  /** Images to make, 1–128 (plans may cap it lower). */
  numSamples: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(128))),
  /** Prompt adherence; the useful range depends on the model (Flux dev 0–10, SDXL 0–20). */
  guidance: z.optional(z.number().check(z.minimum(0), z.maximum(20))),
  numInferenceSteps: z.optional(InferenceStepsSchema),
  width: z.optional(DimensionSchema),
  height: z.optional(DimensionSchema),
  seed: z.optional(SeedSchema),
  scheduler: z.optional(SchedulerSchema),
  /** Hide the outputs from listings. */
  hideResults: z.optional(z.boolean()),
  intermediateImages: z.optional(z.boolean()),
  concepts: z.optional(z.array(ConceptSchema)),
  modelEpoch: z.optional(z.string()),
  baseModelId: z.optional(z.string()),
});
/** {@link GenerationBaseBodySchema} as a type. */
export type GenerationBaseBody = z.output<typeof GenerationBaseBodySchema>;

const ipDetectionShape = {
  action: z.string(),
  flagged: z.boolean(),
  creativeUnitsCharged: optionalField(z.number()),
  evaluatedFilters: optionalField(z.number()),
  findings: optionalField(z.array(responseObject({ category: z.string(), flagged: z.boolean() }))),
};
/**
 * IP-risk screening result, when the server ran it.
 *
 * @interface
 */
export type IpDetection = KnownFields<typeof ipDetectionShape>;
/** Schema of {@link IpDetection}. */
export const IpDetectionSchema: ObjectSchema<typeof ipDetectionShape, IpDetection> = responseObject(ipDetectionShape);

const generationSubmitResponseShape = {
  job: JobSchema,
  creativeUnitsCost: optionalField(z.number()),
  creativeUnitsDiscount: optionalField(z.number()),
  asset: extraField(AssetSchema),
  ipDetection: extraField(IpDetectionSchema),
};
/**
 * Answer of every `POST /generate/*`: the new job and what it costs.
 *
 * @interface
 */
export type GenerationSubmitResponse = KnownFields<typeof generationSubmitResponseShape>;
/** Schema of {@link GenerationSubmitResponse}. */
export const GenerationSubmitResponseSchema: ObjectSchema<
  typeof generationSubmitResponseShape,
  GenerationSubmitResponse
> = responseObject(generationSubmitResponseShape);

const dryRunResponseShape = {
  creativeUnitsCost: z.number(),
  creativeUnitsDiscount: optionalField(z.number()),
  costDetails: optionalField(z.record(z.string(), z.unknown())),
};
/**
 * Answer of a `?dryRun=true` quote (HTTP 269): the cost, and an empty job.
 *
 * @interface
 */
export type DryRunResponse = KnownFields<typeof dryRunResponseShape>;
/** Schema of {@link DryRunResponse}. */
export const DryRunResponseSchema: ObjectSchema<typeof dryRunResponseShape, DryRunResponse> =
  responseObject(dryRunResponseShape);

const costEstimateShape = {
  /** Creative units the request would be billed. */
  creativeUnitsCost: z.number(),
  /** Creative units discounted, when the plan grants a discount. */
  creativeUnitsDiscount: z.optional(z.number()),
  /** The server's cost breakdown (`costDetails` on the wire), when it sends one. */
  details: z.optional(z.record(z.string(), z.unknown())),
};
/**
 * What a generation would cost, from a dry run. No job is created.
 *
 * @interface
 */
export type CostEstimate = KnownFields<typeof costEstimateShape>;
/** Schema of {@link CostEstimate}. */
export const CostEstimateSchema: ObjectSchema<typeof costEstimateShape, CostEstimate, z.core.$strip> =
  z.object(costEstimateShape);

const generationResultShape = {
  job: JobSchema,
  assets: z.array(AssetSchema),
};
/**
 * A finished generation: the successful job and its output assets, in output order, each with a signed `url`.
 *
 * @interface
 */
export type GenerationResult = KnownFields<typeof generationResultShape>;
/** Schema of {@link GenerationResult}. */
export const GenerationResultSchema: ObjectSchema<typeof generationResultShape, GenerationResult, z.core.$strip> =
  z.object(generationResultShape);
