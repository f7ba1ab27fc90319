import * as z from 'zod/mini';
import { AssetIdRefSchema, FractionSchema } from './generation.js';

/**
 * The material maps `POST /generate/texture` makes, by name: each output asset's `metadata.type`
 * is `texture-<name>` (`texture-normal`, `texture-height`, …).
 */
export const TEXTURE_MAPS = ['albedo', 'ao', 'edge', 'height', 'metallic', 'normal', 'smoothness'] as const;
/** One of {@link TEXTURE_MAPS}. */
export type TextureMapName = (typeof TEXTURE_MAPS)[number];

/** Body of `POST /generate/texture` as sent on the wire. */
export const TextureBodySchema = z.strictObject({
  /** The texture to make maps of: an asset id (the route takes no data URL). */
  texture: AssetIdRefSchema,
  /** 0 rough surface … 1 mirror. */
  polished: z.optional(FractionSchema),
  /** 0 sphere-like … 1 mechanical object. */
  angular: z.optional(FractionSchema),
  /** 0 flat like water … 1 very rough rock. */
  raised: z.optional(FractionSchema),
  /** 0 matte … 1 diamond. */
  shiny: z.optional(FractionSchema),
  /** Invert the relief. */
  invert: z.optional(z.boolean()),
  /** Use the API's default surface parameters. */
  defaultParameters: z.optional(z.boolean()),
  /** Also save a flipbook of the texture (not for textures larger than 2048×2048). */
  saveFlipbook: z.optional(z.boolean()),
});
/** The parsed shape of {@link TextureBodySchema}. */
export type TextureBody = z.output<typeof TextureBodySchema>;
