export { Scenario } from './client.js';
export type { Clock } from './core/clock.js';
export * from './core/errors.js';
export type { Logger, LogLevel } from './core/logger.js';
export { IMAGE_MIME_TYPES, type ImageMimeType } from './core/mime-sniff.js';
export {
  type ClientOptions,
  type ImageSources,
  type Progress,
  type RequestOptions,
  type RunOptions,
  RunOptionsSchema,
} from './core/options.js';
export { Page, type PageData, PagePromise } from './core/pagination.js';
export type { RetryMode } from './core/retry.js';
export type { APIRequest, QueryValue, RawRequest, Transport } from './core/transport.js';
export { VERSION } from './core/version.js';
export {
  type ImageInput,
  ImageInputSchema,
  MAX_FETCHED_IMAGE_BYTES,
  MAX_INLINE_IMAGE_BYTES,
} from './lib/image-input.js';
export { DEFAULT_WAIT_TIMEOUT_MS } from './lib/wait-for-job.js';
export {
  type AssetDownloadOptions,
  AssetDownloadOptionsSchema,
  AssetIdsSchema,
  type AssetLike,
  type AssetPage,
  Assets,
  type AssetUploadParams,
  AssetUploadParamsSchema,
} from './resources/assets.js';
export {
  ControlNet,
  type ControlNetParams,
  ControlNetParamsSchema,
} from './resources/controlnet.js';
export {
  Custom,
  type CustomInputs,
  CustomInputsSchema,
  type CustomRequestOptions,
  type CustomRunOptions,
  modelInputsSchema,
} from './resources/custom.js';
export {
  Detect,
  type DetectParams,
  DetectParamsSchema,
} from './resources/detect.js';
export type { GenerationJob } from './resources/generation-resource.js';
export {
  Img2Img,
  type Img2ImgParams,
  Img2ImgParamsSchema,
} from './resources/img2img.js';
export {
  Inpaint,
  type InpaintParams,
  InpaintParamsSchema,
} from './resources/inpaint.js';
export { type JobPage, Jobs } from './resources/jobs.js';
export { type ModelPage, Models } from './resources/models.js';
export {
  RemoveBackground,
  type RemoveBackgroundParams,
  RemoveBackgroundParamsSchema,
} from './resources/remove-background.js';
export {
  Txt2Img,
  type Txt2ImgParams,
  Txt2ImgParamsSchema,
} from './resources/txt2img.js';
export {
  Upscale,
  type UpscaleParams,
  UpscaleParamsSchema,
} from './resources/upscale.js';
export {
  type Asset,
  AssetEnvelopeSchema,
  AssetIdsBodySchema,
  type AssetKind,
  AssetKindSchema,
  type AssetListQuery,
  AssetListQuerySchema,
  type AssetListResponse,
  AssetListResponseSchema,
  type AssetMetadata,
  AssetMetadataSchema,
  type AssetProperties,
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
  type ControlNetModality,
  type ControlNetModalityName,
  ControlNetModalitySchema,
} from './schemas/controlnet.js';
export { type DetectBody, DetectBodySchema, type DetectModality, DetectModalitySchema } from './schemas/detect.js';
export {
  AssetIdRefSchema,
  type Concept,
  ConceptSchema,
  type CostEstimate,
  CostEstimateSchema,
  DataUrlRefSchema,
  DimensionSchema,
  type DryRunResponse,
  DryRunResponseSchema,
  type GenerationBaseBody,
  GenerationBaseBodySchema,
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
export {
  STYLE_TYPES,
  StyleScaleSchema,
  type StyleType,
  StyleTypeSchema,
} from './schemas/ip-adapter.js';
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
  JobSchema,
  type JobStatus,
  JobStatusSchema,
  KNOWN_JOB_STATUSES,
  TERMINAL_JOB_STATUSES,
} from './schemas/job.js';
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
  ModelSchema,
} from './schemas/model.js';
export {
  type KnownFields,
  type ObjectSchema,
  type WithUnknownFields,
  withUnknownFields,
} from './schemas/object-schema.js';
export type { OpenEnum } from './schemas/open-enum.js';
export {
  BackgroundColorSchema,
  type RemoveBackgroundBody,
  RemoveBackgroundBodySchema,
} from './schemas/remove-background.js';
export {
  ASPECT_RATIOS,
  type AspectRatio,
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
  UploadStatusSchema,
} from './schemas/upload.js';
export { type UpscaleBody, UpscaleBodySchema } from './schemas/upscale.js';
