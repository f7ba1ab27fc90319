export { Scenario } from './client.js';
export type { Clock } from './core/clock.js';
export * from './core/errors/index.js';
export {
  type ImageInput,
  ImageInputSchema,
  MAX_FETCHED_IMAGE_BYTES,
  MAX_INLINE_IMAGE_BYTES,
} from './core/image-input.js';
export type { Logger, LogLevel } from './core/logger.js';
export { IMAGE_MIME_TYPES, type ImageMimeType } from './core/mime-sniff.js';
export type { OpenEnum } from './core/open-enum.js';
export type { ClientOptions, RequestOptions } from './core/options.js';
export { Page, type PageData, PagePromise } from './core/pagination.js';
export type { RetryMode } from './core/retry-policy.js';
export type { APIRequest, QueryValue, RawRequest, Transport } from './core/transport.js';
export { VERSION } from './core/version.js';
export { DEFAULT_WAIT_TIMEOUT_MS, type WaitOptions } from './core/wait-for-job.js';
export {
  type Asset,
  AssetEnvelopeSchema,
  AssetIdsBodySchema,
  AssetIdsSchema,
  type AssetKind,
  AssetKindSchema,
  type AssetLike,
  type AssetListQuery,
  AssetListQuerySchema,
  type AssetListResponse,
  AssetListResponseSchema,
  type AssetMetadata,
  AssetMetadataSchema,
  type AssetPage,
  type AssetProperties,
  AssetPropertiesSchema,
  AssetSchema,
  Assets,
  type AssetUploadBody,
  AssetUploadBodySchema,
  type AssetUploadParams,
  AssetUploadParamsSchema,
  KNOWN_ASSET_KINDS,
} from './resources/assets.js';
export {
  CONTROLNET_MODALITIES,
  CONTROLNET_PRESETS,
  ControlNet,
  type ControlNetBody,
  ControlNetBodySchema,
  type ControlNetCreateResponse,
  ControlNetCreateResponseSchema,
  type ControlNetModality,
  type ControlNetModalityName,
  ControlNetModalitySchema,
  type ControlNetParams,
  ControlNetParamsSchema,
} from './resources/controlnet.js';
export {
  Custom,
  type CustomCreateResponse,
  CustomCreateResponseSchema,
  type CustomInputs,
  CustomInputsSchema,
  type CustomRequestOptions,
  modelInputsSchema,
} from './resources/custom.js';
export {
  Detect,
  type DetectBody,
  DetectBodySchema,
  type DetectCreateResponse,
  DetectCreateResponseSchema,
  type DetectModality,
  DetectModalitySchema,
  type DetectParams,
  DetectParamsSchema,
} from './resources/detect.js';
export {
  type Concept,
  ConceptSchema,
  type CostEstimate,
  CostEstimateSchema,
  DimensionSchema,
  type DryRunResponse,
  DryRunResponseSchema,
  type GenerationBaseBody,
  GenerationBaseBodySchema,
  type GenerationJob,
  type GenerationResult,
  GenerationResultSchema,
  type GenerationSubmitResponse,
  GenerationSubmitResponseSchema,
  ImageRefSchema,
  InfluenceSchema,
  type IpDetection,
  IpDetectionSchema,
  type Scheduler,
  SchedulerSchema,
  SeedSchema,
  StrengthSchema,
  strengthFromInfluence,
} from './resources/generation.js';
export {
  Img2Img,
  type Img2ImgBody,
  Img2ImgBodySchema,
  type Img2ImgCreateResponse,
  Img2ImgCreateResponseSchema,
  type Img2ImgParams,
  Img2ImgParamsSchema,
} from './resources/img2img.js';
export {
  type Job,
  JobActionBodySchema,
  type JobBilling,
  JobBillingSchema,
  JobEnvelopeSchema,
  type JobListQuery,
  JobListQuerySchema,
  type JobListResponse,
  JobListResponseSchema,
  type JobMetadata,
  JobMetadataSchema,
  type JobPage,
  JobSchema,
  type JobStatus,
  JobStatusSchema,
  Jobs,
  KNOWN_JOB_STATUSES,
  TERMINAL_JOB_STATUSES,
} from './resources/jobs.js';
export {
  type Model,
  ModelEnvelopeSchema,
  type ModelInput,
  type ModelInputRequired,
  ModelInputRequiredSchema,
  ModelInputSchema,
  type ModelListQuery,
  ModelListQuerySchema,
  type ModelListResponse,
  ModelListResponseSchema,
  type ModelPage,
  ModelSchema,
  Models,
} from './resources/models.js';
export {
  BackgroundColorSchema,
  RemoveBackground,
  type RemoveBackgroundBody,
  RemoveBackgroundBodySchema,
  type RemoveBackgroundCreateResponse,
  RemoveBackgroundCreateResponseSchema,
  type RemoveBackgroundParams,
  RemoveBackgroundParamsSchema,
} from './resources/remove-background.js';
export {
  KNOWN_UPLOAD_STATUSES,
  MIN_UPLOAD_PART_BYTES,
  UPLOAD_KINDS,
  type Upload,
  type UploadActionBody,
  UploadActionBodySchema,
  type UploadAssetOptions,
  UploadAssetOptionsSchema,
  type UploadCreateBody,
  UploadCreateBodySchema,
  UploadEnvelopeSchema,
  type UploadKind,
  UploadKindSchema,
  type UploadPart,
  UploadPartSchema,
  UploadSchema,
  type UploadStatus,
} from './resources/uploads.js';
export {
  Upscale,
  type UpscaleBody,
  UpscaleBodySchema,
  type UpscaleCreateResponse,
  UpscaleCreateResponseSchema,
  type UpscaleParams,
  UpscaleParamsSchema,
} from './resources/upscale.js';
