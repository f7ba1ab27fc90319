import * as z from 'zod/mini';
import { AssetIdRefSchema, FractionSchema, GenerationBaseBodySchema, ImageRefSchema } from './generation.js';
import { StrengthSchema } from './influence.js';
import { IpAdapterFields } from './ip-adapter.js';

/** ControlNet modalities across model families (SD1.5, SDXL, Flux). */
export const CONTROLNET_MODALITIES = [
  'canny',
  'pose',
  'depth',
  'lines',
  'seg',
  'scribble',
  'lineart',
  'normal-map',
  'illusion',
  'tile',
  'blur',
  'gray',
  'low-quality',
  'sketch',
] as const;

/** Presets that combine modalities (SD1.5: all four; SDXL: character, landscape). */
export const CONTROLNET_PRESETS = ['character', 'landscape', 'city', 'interior'] as const;

const modalityNames = new Set<string>([...CONTROLNET_MODALITIES, ...CONTROLNET_PRESETS]);

/** A ControlNet modality name or preset. */
export type ControlNetModalityName = (typeof CONTROLNET_MODALITIES)[number] | (typeof CONTROLNET_PRESETS)[number];

/**
 * The `modality` string: one modality or preset (`pose`, `character`), optionally weighted
 * (`character:0.5`), or up to 3 weighted pairs (`depth:0.5,pose:1.0`), weights in (0, 1].
 */
export type ControlNetModality = ControlNetModalityName | `${ControlNetModalityName}:${number}` | (string & {});

/** Problems with a modality string, empty when it is valid. */
export function modalityProblems(value: string): string[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length > 3) return [`at most 3 modalities, got ${parts.length}`];
  return parts.flatMap((part) => {
    const [name = '', weight, extra] = part.split(':');
    const problems: string[] = [];
    if (!modalityNames.has(name)) {
      problems.push(`unknown modality "${name}"; expected one of ${[...modalityNames].join(', ')}`);
    }
    if (extra !== undefined || (weight !== undefined && !(Number(weight) > 0 && Number(weight) <= 1))) {
      problems.push(`weight of "${part}" must be a number in (0, 1]`);
    }
    if (parts.length > 1 && weight === undefined) problems.push(`"${part}" needs a weight when combining modalities`);
    return problems;
  });
}

/** Schema of the `modality` string: known names, at most 3 parts, weights in (0, 1]. */
export const ControlNetModalitySchema = z.string().check(
  z.superRefine((value, context) => {
    for (const message of modalityProblems(value)) context.addIssue({ code: 'custom', message });
  }),
);

/**
 * Fields of the ControlNet routes, shared by `client.controlnet` and the ControlNet variants of
 * `client.inpaint`. The deprecated `imageId` is never sent: `image` takes asset ids.
 */
export const ControlNetFields = {
  modality: ControlNetModalitySchema,
  /** The control image (pose map, edges, depth…); with a separate control image, the init image instead. Asset id or data URL. */
  image: ImageRefSchema,
  /** Parent of the asset created from a data-URL `image`. */
  imageParentId: z.optional(z.string()),
  /** Hide the asset created from a data-URL `image`. */
  imageHide: z.optional(z.boolean()),
  /**
   * The control image, as a data URL, while `image` is the init image (controlnet-img2img,
   * controlnet-inpaint). The SDK sends asset ids as `controlImageId`; asset ids are still
   * accepted here, as earlier SDK versions sent them.
   */
  controlImage: z.optional(ImageRefSchema),
  /** The control image as an asset id. */
  controlImageId: z.optional(AssetIdRefSchema),
  /** `true` (default) uses the image as the control map; `false` runs the modality's detector on it first. */
  disableModalityDetection: z.optional(z.boolean()),
  /** Flux-dev only: fraction of steps where guidance starts. */
  controlStart: z.optional(FractionSchema),
  /** Flux-dev only: fraction of steps during which guidance applies. */
  controlEnd: z.optional(FractionSchema),
};

/**
 * Body of `POST /generate/controlnet` as sent on the wire, and of `POST /generate/controlnet-img2img`
 * (which adds a control image and `strength`). On plain `/generate/controlnet` the SDK sends the
 * control map as `image` only.
 */
export const ControlNetBodySchema = z.extend(GenerationBaseBodySchema, {
  ...ControlNetFields,
  /** controlnet-img2img only: noise added to the init image, 0.01–1. */
  strength: z.optional(StrengthSchema),
});
/** The parsed shape of {@link ControlNetBodySchema}. */
export type ControlNetBody = z.output<typeof ControlNetBodySchema>;

/**
 * Body of `POST /generate/controlnet-ip-adapter`: ControlNet guided by style images. No
 * `strength`: the API has no ControlNet-on-an-init-image route with style images.
 */
export const ControlNetIpAdapterBodySchema = z.extend(GenerationBaseBodySchema, {
  ...ControlNetFields,
  ...IpAdapterFields,
});
/** The parsed shape of {@link ControlNetIpAdapterBodySchema}. */
export type ControlNetIpAdapterBody = z.output<typeof ControlNetIpAdapterBodySchema>;

/**
 * Body of `POST /generate/controlnet-texture`: ControlNet whose outputs tile seamlessly. Like
 * plain `/generate/controlnet`, the control map travels as `image`; there is no `strength`.
 */
export const ControlNetTextureBodySchema = z.omit(ControlNetBodySchema, { strength: true });
/** The parsed shape of {@link ControlNetTextureBodySchema}. */
export type ControlNetTextureBody = z.output<typeof ControlNetTextureBodySchema>;
