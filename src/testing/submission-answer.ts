import { assetView, signedAssetUrl } from './asset-view.js';
import type { EmulatorContext } from './context.js';
import type { JobPlan } from './store.js';

/** What a submission answer carries besides the job and its cost, per route. */
export type AnswerExtras = (context: EmulatorContext, plan: JobPlan) => Record<string, unknown>;

/** Image inputs of a typed generation, each echoed as a signed URL and, beside it, its asset id (`image`, `imageId`). */
const IMAGE_INPUTS = ['image', 'mask', 'controlImage'];

/**
 * `inference` of a typed generation's answer (txt2img, img2img, inpaint, ControlNet and their
 * variants), as the swagger requires it: the request's parameters, its `type` in the API's
 * spelling (`img2img_ip_adapter`), the seed as a string, and each image input as a URL and an id.
 */
export const inference: AnswerExtras = (context, plan) => {
  const { type, ...input } = plan.input as { type: string } & Record<string, unknown>;
  const images = IMAGE_INPUTS.flatMap((name) => {
    const id = input[name] ?? input[`${name}Id`];
    return typeof id === 'string' ? [[name, signedAssetUrl(context, id)] as const, [`${name}Id`, id] as const] : [];
  });
  const seed = plan.outputMetadata.seed;
  return {
    inference: {
      ...input,
      ...Object.fromEntries(images),
      type: type.replaceAll('-', '_'),
      ...(seed === undefined ? {} : { seed: String(seed) }),
    },
  };
};

/** `asset` of a detect or remove-background answer, as the swagger requires it: the input image. */
export const inputAsset: AnswerExtras = (context, plan) => {
  const id = plan.input.image as string;
  const asset = context.store.assets.get(id) ?? context.publicAssets.get(id);
  return asset ? { asset: assetView(context, asset) } : {};
};
