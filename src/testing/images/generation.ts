import type sharpType from 'sharp';
import { drawPromptImage } from './prompt-image.js';
import { encode, type RenderedImage } from './rendered.js';
import { makeSeamless } from './seamless.js';
import { loadSharp } from './sharp.js';
import { applyStyles, prepareStyles, type StyleImage, type StyleType } from './style-images.js';
import { type PreparedReference, prepareReference, styliseVariant } from './stylise.js';

/** What a generation job renders: `count` images of `width`×`height`, the `i`-th seeded by `seed + i`. */
export interface GenerationRender {
  width: number;
  height: number;
  seed: number;
  count: number;
  prompt: string;
  /** The image the outputs vary (init image, or a ControlNet map); without it they are drawn from the prompt. */
  reference?: Uint8Array;
  /** How far from the reference, 0.01–1. */
  strength: number;
  /** White = repaint, black = keep, grey blends; needs `reference`. */
  mask?: Uint8Array;
  /** `disableMerging`: the repaint is not merged back into the unmasked region, so the whole image changes. */
  disableMerging?: boolean;
  styles?: { images: readonly StyleImage[]; type: StyleType };
  /** The training images of a model trained on the emulator: its outputs lean to their palette. */
  trainedOn?: readonly Uint8Array[];
  /**
   * Outputs that tile: `both`, the left edge continues the right one and the top the bottom (the
   * `-texture` routes); `horizontal`, left and right only (a 360° panorama).
   */
  tiling?: 'both' | 'horizontal';
}

/**
 * How far a trained model pulls its outputs to its training images' palette (0–1): a LoRA at
 * its usual scale steers the look strongly, while the base model's drawing still shows.
 */
const TRAINED_PALETTE_PULL = 0.7;

/**
 * The outputs of a txt2img, img2img, inpaint or ControlNet job (and their style-image variants):
 * each drawn from the prompt or stylised from the reference, pulled towards a trained model's
 * palette, then towards the style images, then, with a mask, merged back into the reference so
 * only the white region changes, and made to tile as `tiling` says. Inputs are decoded once for
 * all the outputs.
 */
export async function renderGeneration(job: GenerationRender): Promise<RenderedImage[]> {
  const sharp = await loadSharp();
  const { width, height } = job;
  const reference = job.reference ? await prepareReference(sharp, job.reference, width, height) : undefined;
  const mask =
    job.mask && reference && !job.disableMerging ? await maskWeights(sharp, job.mask, width, height) : undefined;
  const styles = job.styles && (await prepareStyles(sharp, job.styles.images, job.styles.type, width, height));
  const trained =
    job.trainedOn &&
    (await prepareStyles(
      sharp,
      job.trainedOn.map((bytes) => ({ bytes, scale: TRAINED_PALETTE_PULL })),
      'style',
      width,
      height,
    ));
  return Promise.all(
    Array.from({ length: job.count }, (_, index) => {
      const pixels = draw(job, reference, job.seed + index);
      if (trained) applyStyles(pixels, trained, 'style');
      if (styles && job.styles) applyStyles(pixels, styles, job.styles.type);
      if (mask && reference) keepUnmasked(pixels, reference.base, mask);
      if (job.tiling) makeSeamless(pixels, width, height, job.tiling === 'horizontal');
      return encode(sharp(pixels, { raw: { width, height, channels: 3 } }));
    }),
  );
}

function draw(job: GenerationRender, reference: PreparedReference | undefined, seed: number): Uint8ClampedArray {
  return reference
    ? styliseVariant(reference, job.strength, seed)
    : drawPromptImage(job.prompt, job.width, job.height, seed);
}

/** The mask at the output size, one weight (0 = keep, 1 = repaint) per pixel. */
export async function maskWeights(sharp: typeof sharpType, mask: Uint8Array, width: number, height: number) {
  const gray = await sharp(mask)
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#000000' })
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return Float32Array.from(gray, (value) => value / 255);
}

/** Puts the reference back wherever the mask says keep. */
function keepUnmasked(pixels: Uint8ClampedArray, reference: Uint8Array, mask: Float32Array): void {
  for (let pixel = 0; pixel < mask.length; pixel++) {
    const repaint = mask[pixel] ?? 0;
    for (let channel = 0; channel < 3; channel++) {
      const offset = pixel * 3 + channel;
      pixels[offset] = (reference[offset] ?? 0) * (1 - repaint) + (pixels[offset] ?? 0) * repaint;
    }
  }
}
