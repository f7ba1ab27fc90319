import * as z from 'zod/mini';
import {
  AssetIdRefSchema,
  ImageRefSchema,
  InferenceStepsSchema,
  PercentSchema,
  PromptSchema,
  SeedSchema,
} from './generation.js';
import { StrengthSchema } from './influence.js';

/** Looks `POST /generate/skybox-base-360` can paint a skybox in. */
export const SKYBOX_STYLES = [
  '3d-cartoon',
  'cartoon',
  'cinematic',
  'claymation',
  'cloud-skydome',
  'comic',
  'cyberpunk',
  'enchanted',
  'fantasy',
  'ink',
  'manga',
  'manga-color',
  'neon-tron',
  'oil-painting',
  'pastel',
  'photo',
  'psychedelic',
  'retro-fantasy',
  'scifi-concept-art',
  'space',
  'standard',
  'whimsical',
] as const;
/** Schema of {@link SKYBOX_STYLES}. */
export const SkyboxStyleSchema = z.enum(SKYBOX_STYLES);
/** One of {@link SKYBOX_STYLES}. */
export type SkyboxStyle = z.output<typeof SkyboxStyleSchema>;

/**
 * Width of a 360° skybox in pixels; its height is half of it (2:1 equirectangular). The API
 * states no range: the SDK takes a multiple of 8 from 256 to 8192.
 */
export const SkyboxWidthSchema = z
  .number()
  .check(z.int(), z.minimum(256), z.maximum(8192), z.multipleOf(8, 'must be a multiple of 8'));

/** Style reference images of the skybox routes: asset ids (the routes do not say they take data URLs). */
const StyleAssetsSchema = z.array(AssetIdRefSchema).check(z.minLength(1));

/**
 * Body of `POST /generate/skybox-base-360` as sent on the wire. The deprecated `styleFidelity`
 * and `overrideEmbeddings` are never sent.
 */
export const SkyboxBodySchema = z.strictObject({
  /** What the skybox shows: `a mountain landscape at dawn`. */
  prompt: PromptSchema,
  negativePrompt: z.optional(z.string()),
  /** Must be > 0 for `negativePrompt` to have any effect. */
  negativePromptStrength: z.optional(z.number().check(z.minimum(0), z.maximum(10))),
  style: z.optional(SkyboxStyleSchema),
  /** A starting image: asset id or data URL. */
  image: z.optional(ImageRefSchema),
  /** With `image`: noise added to it, 0.01 stays close, 1 ignores it. */
  strength: z.optional(StrengthSchema),
  /** A structure reference a canny detector is run on: asset id. */
  structureImage: z.optional(AssetIdRefSchema),
  /** A structure reference that is already a canny map: asset id. */
  cannyStructureImage: z.optional(AssetIdRefSchema),
  /** How closely the structure image is followed, 0–100. */
  structureFidelity: z.optional(PercentSchema),
  /** A depth map to follow: asset id. */
  depthImage: z.optional(AssetIdRefSchema),
  /** How closely the depth image is followed, 0–100. */
  depthFidelity: z.optional(PercentSchema),
  /** Style references: asset ids. */
  styleImages: z.optional(StyleAssetsSchema),
  /** How closely the prompt is followed, 0–100. */
  promptFidelity: z.optional(PercentSchema),
  /** Extra control on the 360° geometry (default adapted to the other parameters); use with caution. */
  geometryEnforcement: z.optional(z.number().check(z.minimum(0))),
  /** Width in pixels; the height is half of it. */
  width: z.optional(SkyboxWidthSchema),
  /** Skyboxes to make (plans may cap it). */
  numOutputs: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(128))),
  numInferenceSteps: z.optional(InferenceStepsSchema),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link SkyboxBodySchema}. */
export type SkyboxBody = z.output<typeof SkyboxBodySchema>;

/** Body of `POST /generate/skybox-upscale-360` as sent on the wire. */
export const SkyboxUpscaleBodySchema = z.strictObject({
  /** The 360° image to upscale: asset id or data URL. */
  image: ImageRefSchema,
  /** 1–16; ignored when `targetWidth` is set. */
  scalingFactor: z.optional(z.number().check(z.minimum(1), z.maximum(16))),
  /** Output width in pixels; takes priority over `scalingFactor`. */
  targetWidth: z.optional(z.number().check(z.int(), z.minimum(256), z.maximum(16_384))),
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  /** How closely the prompt is followed, 0–100. */
  promptFidelity: z.optional(PercentSchema),
  /** Style references: asset ids. */
  styleImages: z.optional(StyleAssetsSchema),
  /** How strongly the style images guide the upscale, 0–100 (API default 80). */
  styleFidelity: z.optional(PercentSchema),
  /** Detail to remove (below 0) or add (above 0), −50–50. */
  detailsLevel: z.optional(z.number().check(z.minimum(-50), z.maximum(50))),
  /** Sharpen the tiles. */
  sharpen: z.optional(z.boolean()),
  /** Keep each upscaled tile's colour histogram the original's. */
  colorCorrection: z.optional(z.boolean()),
  /** Use only `prompt` and `negativePrompt`, not the model's embeddings. */
  overrideEmbeddings: z.optional(z.boolean()),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link SkyboxUpscaleBodySchema}. */
export type SkyboxUpscaleBody = z.output<typeof SkyboxUpscaleBodySchema>;
