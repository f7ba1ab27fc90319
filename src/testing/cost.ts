/**
 * Creative-unit prices. Not Scenario's real price list (it is not public per request), but
 * shaped like it: cost grows with the number of images, their size and the model family, so
 * a client's estimate and its real charge can be compared.
 */
const PER_IMAGE: Record<string, number> = { flux: 5, sdxl: 3, sd15: 2, custom: 6 };
const MEGAPIXEL = 1024 * 1024;

/** Size units: each started megapixel counts once. */
const megapixels = (width: number, height: number) => Math.max(1, Math.ceil((width * height) / MEGAPIXEL));

/** img2img, ControlNet and custom generators: per image, per megapixel, by model family. */
export function generationCost(family: string, samples: number, width: number, height: number): number {
  return samples * (PER_IMAGE[family] ?? 5) * megapixels(width, height);
}

/** Upscaling is priced per started 512×512 tile of the output, so the scaling factor matters. */
export const upscaleCost = (width: number, height: number) => Math.max(1, Math.ceil((width * height) / (512 * 512)));

export const DETECT_COST = 1;
export const REMOVE_BACKGROUND_COST = 2;

/** Material maps, per texture: one price whatever its size. */
export const TEXTURE_COST = 4;
/** A 360° skybox: a large image, priced per output by its megapixels like a Flux generation. */
export const skyboxCost = (outputs: number, width: number) => generationCost('flux', outputs, width, width / 2) * 2;
/** Tools with no diffusion model (pixelate, vectorize, segment, patch): a flat price. */
export const TOOL_COST = 1;
/** Diffusion tools on an existing image (reframe, restyle, generative fill, prompt edits): per output, by its size. */
export const editCost = (outputs: number, width: number, height: number) =>
  generationCost('flux', outputs, width, height);
/** Language routes (caption, describe-style, prompt, translate, embed): per request. */
export const LANGUAGE_COST = 1;

/** Per training image and 10 epochs, by base family: a training costs what a few dozen generations do. */
const TRAINING_PER_IMAGE: Record<string, number> = { flux: 8, sdxl: 5, sd15: 4 };

/** A training: per image, by family, in proportion to its epochs (10 by default); at least 1. */
export function trainingCost(family: string, images: number, epochs: number): number {
  return Math.max(1, Math.ceil((images * (TRAINING_PER_IMAGE[family] ?? 8) * epochs) / 10));
}
