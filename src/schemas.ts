/**
 * `scenario-sdk/schemas`: the zod schema (`zod/mini`) of every shape the SDK sends or reads,
 * the params of each resource, the wire bodies of each endpoint, and the constants they check
 * against. A UI can validate a form with the very schema the SDK checks a call with:
 *
 * ```ts
 * import { Img2ImgParamsSchema } from 'scenario-sdk/schemas';
 * const result = Img2ImgParamsSchema.safeParse(formValues);
 * ```
 *
 * `parseInput(schema, value, what)` checks a value as the SDK checks a call, with its English
 * messages, and throws the SDK's `InvalidRequestError`.
 *
 * @module
 */
export { IMAGE_MIME_TYPES } from './core/mime-sniff.js';
export { RunOptionsSchema } from './core/options.js';
export { parseInput } from './core/validate.js';
export { ImageInputSchema, MAX_FETCHED_IMAGE_BYTES, MAX_INLINE_IMAGE_BYTES } from './lib/image-input.js';
export { CaptionSchema, TrainingImageInputSchema } from './lib/training-image-inputs.js';
export { DEFAULT_WAIT_TIMEOUT_MS } from './lib/wait-for-job.js';
export { DEFAULT_TRAINING_WAIT_TIMEOUT_MS } from './lib/wait-for-training.js';
export { AssetDownloadOptionsSchema, AssetIdsSchema, AssetUploadParamsSchema } from './resources/assets.js';
export { ControlNetParamsSchema } from './resources/controlnet.js';
export { CustomInputsSchema } from './resources/custom.js';
export { DetectParamsSchema } from './resources/detect.js';
export { Img2ImgParamsSchema } from './resources/img2img.js';
export { InpaintParamsSchema } from './resources/inpaint.js';
export { modelInputsSchema } from './resources/model-inputs.js';
export { ModelTrainParamsSchema, TrainingPairInputSchema } from './resources/model-training.js';
export { RemoveBackgroundParamsSchema } from './resources/remove-background.js';
export {
  TRAINING_UPLOAD_CONCURRENCY,
  TrainingImagePairsParamsSchema,
  TrainingImagesAddParamsSchema,
} from './resources/training-images.js';
export { Txt2ImgParamsSchema } from './resources/txt2img.js';
export { UpscaleParamsSchema } from './resources/upscale.js';
export {
  AssetEnvelopeSchema,
  AssetIdsBodySchema,
  AssetKindSchema,
  AssetListQuerySchema,
  type AssetListResponse,
  AssetListResponseSchema,
  AssetMetadataSchema,
  AssetPropertiesSchema,
  AssetSchema,
  type AssetUploadBody,
  AssetUploadBodySchema,
  KNOWN_ASSET_KINDS,
} from './schemas/asset.js';
export {
  CONTROLNET_MODALITIES,
  CONTROLNET_PRESETS,
  type ControlNetBody,
  ControlNetBodySchema,
  type ControlNetIpAdapterBody,
  ControlNetIpAdapterBodySchema,
  ControlNetModalitySchema,
} from './schemas/controlnet.js';
export { type DetectBody, DetectBodySchema, DetectModalitySchema } from './schemas/detect.js';
export {
  AssetIdRefSchema,
  ConceptSchema,
  CostEstimateSchema,
  DataUrlRefSchema,
  DimensionSchema,
  type DryRunResponse,
  DryRunResponseSchema,
  type GenerationBaseBody,
  GenerationBaseBodySchema,
  GenerationResultSchema,
  GenerationSubmitResponseSchema,
  ImageRefSchema,
  InfluenceSchema,
  IpDetectionSchema,
  SchedulerSchema,
  SeedSchema,
  StrengthSchema,
} from './schemas/generation.js';
export {
  type Img2ImgBody,
  Img2ImgBodySchema,
  type Img2ImgIpAdapterBody,
  Img2ImgIpAdapterBodySchema,
} from './schemas/img2img.js';
export {
  type ControlNetInpaintBody,
  ControlNetInpaintBodySchema,
  type ControlNetInpaintIpAdapterBody,
  ControlNetInpaintIpAdapterBodySchema,
  type InpaintBody,
  InpaintBodySchema,
  type InpaintIpAdapterBody,
  InpaintIpAdapterBodySchema,
} from './schemas/inpaint.js';
export { STYLE_TYPES, StyleScaleSchema, StyleTypeSchema } from './schemas/ip-adapter.js';
export {
  JobActionBodySchema,
  JobBillingSchema,
  JobEnvelopeSchema,
  JobListQuerySchema,
  type JobListResponse,
  JobListResponseSchema,
  JobMetadataSchema,
  JobSchema,
  JobStatusSchema,
  KNOWN_JOB_STATUSES,
  TERMINAL_JOB_STATUSES,
} from './schemas/job.js';
export {
  KNOWN_MODEL_STATUSES,
  KNOWN_TRAINING_STAGES,
  ModelEnvelopeSchema,
  ModelInputConditionSchema,
  ModelInputRequiredSchema,
  ModelInputSchema,
  ModelListQuerySchema,
  type ModelListResponse,
  ModelListResponseSchema,
  ModelSchema,
  ModelStatusSchema,
  TrainingImagePairSchema,
  TrainingImageSchema,
  TrainingProgressSchema,
  TrainingStageSchema,
} from './schemas/model.js';
export type { ObjectSchema } from './schemas/object-schema.js';
export { type OptionalField, optionalField } from './schemas/optional-field.js';
export {
  BackgroundColorSchema,
  type RemoveBackgroundBody,
  RemoveBackgroundBodySchema,
} from './schemas/remove-background.js';
export {
  DEFAULT_TRAINING_TYPE,
  MAX_TRAINING_IMAGE_IDS_PER_CALL,
  MODEL_TYPES,
  type ModelCreateBody,
  ModelCreateBodySchema,
  ModelDescriptionSchema,
  ModelNameSchema,
  ModelTypeSchema,
  type ModelUpdateBody,
  ModelUpdateBodySchema,
  TRAINABLE_MODEL_STATUSES,
  TRAINABLE_MODEL_TYPES,
  TRAINING_LIMITS,
  TrainableModelTypeSchema,
  TrainBodySchema,
  TrainingActionBodySchema,
  type TrainingImageBody,
  TrainingImageBodySchema,
  TrainingImageEnvelopeSchema,
  TrainingImagePairBodySchema,
  TrainingImagePairsResponseSchema,
  TrainingParametersSchema,
  TrainingPresetSchema,
  type TrainResponse,
  TrainResponseSchema,
} from './schemas/training.js';
export {
  ASPECT_RATIOS,
  AspectRatioSchema,
  type Txt2ImgBody,
  Txt2ImgBodySchema,
  type Txt2ImgIpAdapterBody,
  Txt2ImgIpAdapterBodySchema,
} from './schemas/txt2img.js';
export {
  KNOWN_UPLOAD_STATUSES,
  MIN_UPLOAD_PART_BYTES,
  UPLOAD_KINDS,
  type UploadActionBody,
  UploadActionBodySchema,
  type UploadAssetOptions,
  UploadAssetOptionsSchema,
  type UploadCreateBody,
  UploadCreateBodySchema,
  UploadEnvelopeSchema,
  UploadKindSchema,
  type UploadPart,
  UploadPartSchema,
  UploadSchema,
  UploadStatusSchema,
} from './schemas/upload.js';
export { type UpscaleBody, UpscaleBodySchema } from './schemas/upscale.js';
