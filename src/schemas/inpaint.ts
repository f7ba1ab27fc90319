import * as z from 'zod/mini';
import { ControlNetFields } from './controlnet.js';
import { AssetIdRefSchema, DataUrlRefSchema, GenerationBaseBodySchema, ImageRefSchema } from './generation.js';
import { StrengthSchema } from './influence.js';
import { IpAdapterFields } from './ip-adapter.js';

/** Fields every inpaint route adds to its base: the mask and how the repainted region blends in. */
export const MaskFields = {
  /** The mask as a data URL, the size of `image`: white = repaint, black = keep. */
  mask: z.optional(DataUrlRefSchema),
  /** The mask as an asset id. */
  maskId: z.optional(AssetIdRefSchema),
  /** Noise added to the masked region: 0.01 stays close to the image, 1 ignores it. */
  strength: z.optional(StrengthSchema),
  /** `true` regenerates the whole image (faster, but harder to blend back into a larger picture). */
  disableMerging: z.optional(z.boolean()),
};

/**
 * Body of `POST /generate/inpaint` as sent on the wire. The deprecated `imageId` is never sent:
 * `image` takes asset ids.
 */
export const InpaintBodySchema = z.extend(GenerationBaseBodySchema, {
  /** The image to retouch: asset id or data URL. */
  image: ImageRefSchema,
  /** Parent of the asset created from a data-URL `image`. */
  imageParentId: z.optional(z.string()),
  /** Hide the asset created from a data-URL `image`. */
  imageHide: z.optional(z.boolean()),
  ...MaskFields,
});
/** The parsed shape of {@link InpaintBodySchema}. */
export type InpaintBody = z.output<typeof InpaintBodySchema>;

/** Body of `POST /generate/inpaint-ip-adapter`: inpaint guided by style images. */
export const InpaintIpAdapterBodySchema = z.extend(InpaintBodySchema, IpAdapterFields);
/** The parsed shape of {@link InpaintIpAdapterBodySchema}. */
export type InpaintIpAdapterBody = z.output<typeof InpaintIpAdapterBodySchema>;

/**
 * Body of `POST /generate/controlnet-inpaint`: inpaint whose masked region follows a control
 * image (`controlImage`/`controlImageId`) read as `modality`.
 */
export const ControlNetInpaintBodySchema = z.extend(GenerationBaseBodySchema, { ...ControlNetFields, ...MaskFields });
/** The parsed shape of {@link ControlNetInpaintBodySchema}. */
export type ControlNetInpaintBody = z.output<typeof ControlNetInpaintBodySchema>;

/**
 * Body of `POST /generate/controlnet-inpaint-ip-adapter`. The route's published fields omit
 * `modality`, which a control image cannot be read without, so the SDK sends it all the same;
 * they also omit `controlStart`, `controlEnd` and `disableModalityDetection`, which the SDK
 * refuses with style images.
 */
export const ControlNetInpaintIpAdapterBodySchema = z.extend(
  z.omit(ControlNetInpaintBodySchema, { controlStart: true, controlEnd: true, disableModalityDetection: true }),
  IpAdapterFields,
);
/** The parsed shape of {@link ControlNetInpaintIpAdapterBodySchema}. */
export type ControlNetInpaintIpAdapterBody = z.output<typeof ControlNetInpaintIpAdapterBodySchema>;
