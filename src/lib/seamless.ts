import * as z from 'zod/mini';

/**
 * `seamless` of txt2img, img2img and controlnet: `true` sends the generation to the route's
 * `-texture` variant (`/generate/txt2img-texture`, …), whose outputs tile seamlessly, the way
 * `styleImages` picks the `-ip-adapter` variant.
 */
export const SeamlessParam = {
  /** `true`: outputs that tile seamlessly (the left edge continues the right one, the top the bottom). */
  seamless: z.optional(z.boolean()),
};

/** Params a `-texture` route cannot take, each with the reason to give. */
type Unseamable = Record<string, string>;

/**
 * Refinement for params with {@link SeamlessParam}: with `seamless: true`, each field of
 * `refused` that is given is an issue (the `-texture` routes have no style-image or init-image
 * variants).
 */
export function seamlessRules(refused: Unseamable) {
  return z.superRefine((params: { seamless?: boolean | undefined } & Record<string, unknown>, context) => {
    if (params.seamless !== true) return;
    for (const [field, why] of Object.entries(refused)) {
      if (params[field] !== undefined) {
        context.addIssue({ code: 'custom', message: `${field} does not combine with seamless: ${why}`, path: [field] });
      }
    }
  });
}

/** The route for a generation: its `-texture` variant when `seamless`. */
export const seamlessPath = (path: string, seamless: boolean | undefined) => (seamless ? `${path}-texture` : path);
