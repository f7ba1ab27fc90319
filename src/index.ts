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
export { fileExtension, type ImageMimeType } from './core/mime-types.js';
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
export type { AssetPage, Assets } from './resources/assets.js';
export type { AssetDownloadOptions, AssetLike, AssetUploadParams, ImageInspection } from './resources/assets-calls.js';
export type { Caption } from './resources/caption.js';
export type { CaptionParams, CaptionResult } from './resources/caption-endpoint.js';
export type { ControlNet } from './resources/controlnet.js';
export type { ControlNetParams } from './resources/controlnet-endpoint.js';
export type { Custom } from './resources/custom.js';
export type { CustomRequestOptions, CustomRunOptions } from './resources/custom-calls.js';
export type { DescribeStyle } from './resources/describe-style.js';
export type { DescribeStyleParams, DescribeStyleResult } from './resources/describe-style-endpoint.js';
export type { Detect } from './resources/detect.js';
export type { DetectParams } from './resources/detect-endpoint.js';
export type { Embed } from './resources/embed.js';
export type { EmbedParams, EmbedResult } from './resources/embed-endpoint.js';
export type { GenerationJob } from './resources/generation-calls.js';
export type { GenerationResource } from './resources/generation-resource.js';
export type { GenerativeFill } from './resources/generative-fill.js';
export type { GenerativeFillParams } from './resources/generative-fill-endpoint.js';
export type { Img2Img } from './resources/img2img.js';
export type { Img2ImgParams } from './resources/img2img-endpoint.js';
export type { Inpaint } from './resources/inpaint.js';
export type { InpaintParams } from './resources/inpaint-endpoint.js';
export type { JobPage, Jobs } from './resources/jobs.js';
export type { ModelTrainParams, TrainingPairInput, TrainingStart } from './resources/model-training.js';
export type { ModelCreateParams, ModelPage, Models, ModelUpdateParams } from './resources/models.js';
export type { Patch } from './resources/patch.js';
export type { PatchParams } from './resources/patch-endpoint.js';
export type { Pixelate } from './resources/pixelate.js';
export type { PixelateParams } from './resources/pixelate-endpoint.js';
export type { Prompt } from './resources/prompt.js';
export type { PromptEditing } from './resources/prompt-editing.js';
export type { PromptEditingParams } from './resources/prompt-editing-endpoint.js';
export type { PromptParams, PromptResult } from './resources/prompt-endpoint.js';
export type { Reframe } from './resources/reframe.js';
export type { ReframeParams } from './resources/reframe-endpoint.js';
export type { RemoveBackground } from './resources/remove-background.js';
export type { RemoveBackgroundParams } from './resources/remove-background-endpoint.js';
export type { Restyle } from './resources/restyle.js';
export type { RestyleParams } from './resources/restyle-endpoint.js';
export type { Segment } from './resources/segment.js';
export type { SegmentParams } from './resources/segment-endpoint.js';
export type { Skybox } from './resources/skybox.js';
export type { SkyboxParams } from './resources/skybox-endpoint.js';
export type { SkyboxUpscale } from './resources/skybox-upscale.js';
export type { SkyboxUpscaleParams } from './resources/skybox-upscale-endpoint.js';
export type { Texture } from './resources/texture.js';
export type { TextureMaps, TextureParams, TextureResult } from './resources/texture-endpoint.js';
export type { TrainingImages } from './resources/training-images.js';
export type { TrainingImagesAddParams } from './resources/training-images-calls.js';
export type { Translate } from './resources/translate.js';
export type { TranslateParams, TranslateResult } from './resources/translate-endpoint.js';
export type { Txt2Img } from './resources/txt2img.js';
export type { Txt2ImgParams } from './resources/txt2img-endpoint.js';
export type { Upscale } from './resources/upscale.js';
export type { UpscaleParams } from './resources/upscale-endpoint.js';
export type { Vectorize } from './resources/vectorize.js';
export type { VectorizeParams } from './resources/vectorize-endpoint.js';
export type { Asset, AssetKind, AssetListQuery, AssetMetadata, AssetProperties } from './schemas/asset.js';
export type { ControlNetModality, ControlNetModalityName } from './schemas/controlnet.js';
export type { CustomInputs } from './schemas/custom.js';
export type { DetectModality } from './schemas/detect.js';
export type {
  Concept,
  CostEstimate,
  GenerationResult,
  GenerationSubmitResponse,
  IpDetection,
  Scheduler,
} from './schemas/generation.js';
export { strengthFromInfluence } from './schemas/influence.js';
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
