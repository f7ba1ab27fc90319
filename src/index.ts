/**
 * `scenario-sdk`: the client, its resources, errors and types. The zod schemas of every shape
 * (and the wire bodies) are on `scenario-sdk/schemas`; the emulator is on `scenario-sdk/testing`.
 *
 * @module
 */
export { type APICall, Scenario } from './client.js';
export {
  APIConnectionError,
  APIError,
  type APIErrorInit,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type InputIssue,
  InternalServerError,
  InvalidRequestError,
  isScenarioError,
  JobCanceledError,
  JobError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  ScenarioError,
  TrainingCanceledError,
  TrainingError,
  TrainingFailedError,
  TrainingTimeoutError,
  UploadFailedError,
  UploadTimeoutError,
} from './core/errors.js';
export type { Logger, LogLevel } from './core/logger.js';
export { fileExtension, type ImageMimeType } from './core/mime-sniff.js';
export type {
  ClientOptions,
  ImageSources,
  Progress,
  RequestOptions,
  RunOptions,
  WaitProgress,
} from './core/options.js';
export type { Page, PagePromise } from './core/pagination.js';
export { VERSION } from './core/version.js';
export type { ImageInput } from './lib/image-input.js';
export type { CaptionedImage, TrainingImageInput } from './lib/training-image-inputs.js';
export type {
  AssetDownloadOptions,
  AssetLike,
  AssetPage,
  Assets,
  AssetUploadParams,
  ImageInspection,
} from './resources/assets.js';
export type { Caption, CaptionParams, CaptionResult } from './resources/caption.js';
export type { ControlNet, ControlNetParams } from './resources/controlnet.js';
export type { Custom, CustomInputs, CustomRequestOptions, CustomRunOptions } from './resources/custom.js';
export type { DescribeStyle, DescribeStyleParams, DescribeStyleResult } from './resources/describe-style.js';
export type { Detect, DetectParams } from './resources/detect.js';
export type { Embed, EmbedParams, EmbedResult } from './resources/embed.js';
export type { GenerationJob, GenerationResource } from './resources/generation-resource.js';
export type { GenerativeFill, GenerativeFillParams } from './resources/generative-fill.js';
export type { Img2Img, Img2ImgParams } from './resources/img2img.js';
export type { Inpaint, InpaintParams } from './resources/inpaint.js';
export type { JobPage, Jobs } from './resources/jobs.js';
export type { ModelTrainParams, TrainingPairInput, TrainingStart } from './resources/model-training.js';
export type { ModelCreateParams, ModelPage, Models, ModelUpdateParams } from './resources/models.js';
export type { Patch, PatchParams } from './resources/patch.js';
export type { Pixelate, PixelateParams } from './resources/pixelate.js';
export type { Prompt, PromptParams, PromptResult } from './resources/prompt.js';
export type { PromptEditing, PromptEditingParams } from './resources/prompt-editing.js';
export type { Reframe, ReframeParams } from './resources/reframe.js';
export type { RemoveBackground, RemoveBackgroundParams } from './resources/remove-background.js';
export type { Restyle, RestyleParams } from './resources/restyle.js';
export type { Segment, SegmentParams } from './resources/segment.js';
export type { Skybox, SkyboxParams } from './resources/skybox.js';
export type { SkyboxUpscale, SkyboxUpscaleParams } from './resources/skybox-upscale.js';
export type { Texture, TextureMaps, TextureParams, TextureResult } from './resources/texture.js';
export type { TrainingImages, TrainingImagesAddParams } from './resources/training-images.js';
export type { Translate, TranslateParams, TranslateResult } from './resources/translate.js';
export type { Txt2Img, Txt2ImgParams } from './resources/txt2img.js';
export type { Upscale, UpscaleParams } from './resources/upscale.js';
export type { Vectorize, VectorizeParams } from './resources/vectorize.js';
export type { Asset, AssetKind, AssetListQuery, AssetMetadata, AssetProperties } from './schemas/asset.js';
export type { ControlNetModality, ControlNetModalityName } from './schemas/controlnet.js';
export type { DetectModality } from './schemas/detect.js';
export {
  type Concept,
  type CostEstimate,
  type GenerationResult,
  type GenerationSubmitResponse,
  type IpDetection,
  type Scheduler,
  strengthFromInfluence,
} from './schemas/generation.js';
export type { StyleType } from './schemas/ip-adapter.js';
export type { Job, JobBilling, JobListQuery, JobMetadata, JobStatus } from './schemas/job.js';
export type {
  Model,
  ModelInput,
  ModelInputCondition,
  ModelInputRequired,
  ModelListQuery,
  ModelStatus,
  TrainingImage,
  TrainingImagePair,
  TrainingProgress,
  TrainingStage,
} from './schemas/model.js';
export { type KnownFields, type WithUnknownFields, withUnknownFields } from './schemas/object-schema.js';
export type { OpenEnum } from './schemas/open-enum.js';
export type { SkyboxStyle } from './schemas/skybox.js';
export type { TextureMapName } from './schemas/texture.js';
export type {
  ModelType,
  TrainableModelType,
  TrainingImagePairBody,
  TrainingImagePairsResponse,
  TrainingLimits,
  TrainingParameters,
  TrainingPreset,
} from './schemas/training.js';
export type { AspectRatio } from './schemas/txt2img.js';
export type { Upload, UploadKind, UploadStatus } from './schemas/upload.js';
