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
export { IMAGE_MIME_TYPES } from './core/mime-types.js';
export { RunOptionsSchema } from './core/options.js';
export { parseInput } from './core/validate.js';
export { ImageInputSchema, MAX_FETCHED_IMAGE_BYTES, MAX_INLINE_IMAGE_BYTES } from './lib/image-input.js';
export { CaptionSchema, TrainingImageInputSchema } from './lib/training-image-inputs.js';
export { DEFAULT_WAIT_TIMEOUT_MS } from './lib/wait-for-job.js';
export { DEFAULT_TRAINING_WAIT_TIMEOUT_MS } from './lib/wait-for-training.js';
export { AssetDownloadOptionsSchema, AssetIdsSchema, AssetUploadParamsSchema } from './resources/assets-calls.js';
export { CaptionParamsSchema } from './resources/caption-endpoint.js';
export { ControlNetParamsSchema } from './resources/controlnet-endpoint.js';
export { DescribeStyleParamsSchema } from './resources/describe-style-endpoint.js';
export { DetectParamsSchema } from './resources/detect-endpoint.js';
export { EmbedParamsSchema } from './resources/embed-endpoint.js';
export { GenerativeFillParamsSchema } from './resources/generative-fill-endpoint.js';
export { Img2ImgParamsSchema } from './resources/img2img-endpoint.js';
export { InpaintParamsSchema } from './resources/inpaint-endpoint.js';
export { modelInputsSchema } from './resources/model-inputs.js';
export { ModelTrainParamsSchema, TrainingPairInputSchema } from './resources/model-training.js';
export { PatchParamsSchema } from './resources/patch-endpoint.js';
export { PixelateParamsSchema } from './resources/pixelate-endpoint.js';
export { PromptEditingParamsSchema } from './resources/prompt-editing-endpoint.js';
export { PromptParamsSchema } from './resources/prompt-endpoint.js';
export { ReframeParamsSchema } from './resources/reframe-endpoint.js';
export { RemoveBackgroundParamsSchema } from './resources/remove-background-endpoint.js';
export { RestyleParamsSchema } from './resources/restyle-endpoint.js';
export { SegmentParamsSchema } from './resources/segment-endpoint.js';
export { SkyboxParamsSchema } from './resources/skybox-endpoint.js';
export { SkyboxUpscaleParamsSchema } from './resources/skybox-upscale-endpoint.js';
export { TextureParamsSchema } from './resources/texture-endpoint.js';
export {
  TRAINING_UPLOAD_CONCURRENCY,
  TrainingImagePairsParamsSchema,
  TrainingImagesAddParamsSchema,
} from './resources/training-images-calls.js';
export { TranslateParamsSchema } from './resources/translate-endpoint.js';
export { Txt2ImgParamsSchema } from './resources/txt2img-endpoint.js';
export { UpscaleParamsSchema } from './resources/upscale-endpoint.js';
export { VectorizeParamsSchema } from './resources/vectorize-endpoint.js';
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
export { type CaptionBody, CaptionBodySchema, CaptionOutputSchema } from './schemas/caption.js';
export {
  CONTROLNET_MODALITIES,
  CONTROLNET_PRESETS,
  type ControlNetBody,
  ControlNetBodySchema,
  type ControlNetIpAdapterBody,
  ControlNetIpAdapterBodySchema,
  ControlNetModalitySchema,
  type ControlNetTextureBody,
  ControlNetTextureBodySchema,
} from './schemas/controlnet.js';
export { CustomInputsSchema } from './schemas/custom.js';
export {
  type DescribeStyleBody,
  DescribeStyleBodySchema,
  DescribeStyleOutputSchema,
} from './schemas/describe-style.js';
export { type DetectBody, DetectBodySchema, DetectModalitySchema } from './schemas/detect.js';
export { type EmbedBody, EmbedBodySchema, EmbedOutputSchema } from './schemas/embed.js';
export type { ExtraField } from './schemas/extra-field.js';
export {
  AssetIdRefSchema,
  ConceptSchema,
  CostEstimateSchema,
  DataUrlRefSchema,
  DimensionSchema,
  type DryRunResponse,
  DryRunResponseSchema,
  FractionSchema,
  type GenerationBaseBody,
  GenerationBaseBodySchema,
  GenerationResultSchema,
  GenerationSubmitResponseSchema,
  ImageRefSchema,
  InferenceStepsSchema,
  IpDetectionSchema,
  PercentSchema,
  PromptSchema,
  SchedulerSchema,
  SeedSchema,
} from './schemas/generation.js';
export { type GenerativeFillBody, GenerativeFillBodySchema } from './schemas/generative-fill.js';
export {
  type Img2ImgBody,
  Img2ImgBodySchema,
  type Img2ImgIpAdapterBody,
  Img2ImgIpAdapterBodySchema,
  type Img2ImgTextureBody,
  Img2ImgTextureBodySchema,
} from './schemas/img2img.js';
export { InfluenceSchema, StrengthSchema } from './schemas/influence.js';
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
export { type PatchBody, PatchBodySchema } from './schemas/patch.js';
export {
  PaletteColorSchema,
  PIXEL_GRID_SIZES,
  type PixelateBody,
  PixelateBodySchema,
  PixelGridSizeSchema,
} from './schemas/pixelate.js';
export { PROMPT_MODES, type PromptBody, PromptBodySchema, PromptOutputSchema } from './schemas/prompt.js';
export {
  PROMPT_EDITING_ASPECT_RATIOS,
  PROMPT_EDITING_MODELS,
  type PromptEditingBody,
  PromptEditingBodySchema,
} from './schemas/prompt-editing.js';
export { REFRAME_LOCATIONS, type ReframeBody, ReframeBodySchema, ReframeSideSchema } from './schemas/reframe.js';
export {
  BackgroundColorSchema,
  type RemoveBackgroundBody,
  RemoveBackgroundBodySchema,
} from './schemas/remove-background.js';
export { type RestyleBody, RestyleBodySchema } from './schemas/restyle.js';
export { type SegmentBody, SegmentBodySchema } from './schemas/segment.js';
export {
  SKYBOX_STYLES,
  type SkyboxBody,
  SkyboxBodySchema,
  SkyboxStyleSchema,
  type SkyboxUpscaleBody,
  SkyboxUpscaleBodySchema,
  SkyboxWidthSchema,
} from './schemas/skybox.js';
export { TextImagesSchema, TextSamplingFields, UnwantedSequencesSchema } from './schemas/text-sampling.js';
export { TEXTURE_MAPS, type TextureBody, TextureBodySchema } from './schemas/texture.js';
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
export { type TranslateBody, TranslateBodySchema, TranslateOutputSchema } from './schemas/translate.js';
export {
  ASPECT_RATIOS,
  AspectRatioSchema,
  type Txt2ImgBody,
  Txt2ImgBodySchema,
  type Txt2ImgIpAdapterBody,
  Txt2ImgIpAdapterBodySchema,
  type Txt2ImgTextureBody,
  Txt2ImgTextureBodySchema,
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
export { type VectorizeBody, VectorizeBodySchema } from './schemas/vectorize.js';
