import type sharpType from 'sharp';

type Rgb = [number, number, number];

/** `ipAdapterType`: `style` takes the style images' look, `character` also their subject. */
export type StyleType = 'style' | 'character';

/** A style image (`ipAdapterImages`) and its weight (`ipAdapterScales`, 0–1). */
export interface StyleImage {
  bytes: Uint8Array;
  scale: number;
}

/** Steps of a style image's luminance palette. */
const PALETTE_STEPS = 8;
/** Side of the thumbnail the palette and the background colour are read from. */
const THUMBNAIL = 32;
/** Per-channel distance sum from the background beyond which a pixel belongs to the subject. */
const SUBJECT_DISTANCE = 60;
/** How much of its palette a character image also lends, relative to its scale. */
const CHARACTER_PALETTE_SHARE = 0.3;

/** A style image decoded for one job: its palette, and for `character` its subject at the output size. */
export interface PreparedStyle {
  scale: number;
  /** Mean colours of the image's pixels sorted by luminance, darkest first. */
  palette: Rgb[];
  /** RGB of the image fitted (contain) into the output, and how much each pixel is subject (0–1). */
  subject?: { rgb: Uint8Array; weight: Float32Array };
}

export async function prepareStyles(
  sharp: typeof sharpType,
  images: readonly StyleImage[],
  type: StyleType,
  width: number,
  height: number,
): Promise<PreparedStyle[]> {
  return Promise.all(
    images.map(async ({ bytes, scale }) => {
      const thumbnail = await sharp(bytes)
        .resize(THUMBNAIL, THUMBNAIL, { fit: 'fill' })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw()
        .toBuffer();
      const palette = luminancePalette(thumbnail);
      if (type === 'style') return { scale, palette };
      return { scale, palette, subject: await subjectOf(sharp, bytes, borderColour(thumbnail), width, height) };
    }),
  );
}

/**
 * Pulls RGB `pixels` towards the style images, in place. `style`: every pixel takes the colour of
 * its luminance in the images' palettes (shapes stay, colours become the style's), by the images'
 * largest scale. `character`: each image's subject is laid over the output by its scale, its
 * silhouette kept, with a lighter palette pull around it.
 */
export function applyStyles(pixels: Uint8ClampedArray, styles: readonly PreparedStyle[], type: StyleType): void {
  const share = type === 'character' ? CHARACTER_PALETTE_SHARE : 1;
  const strength = Math.min(1, Math.max(0, ...styles.map((style) => style.scale)) * share);
  const totalScale = styles.reduce((sum, style) => sum + style.scale, 0);
  if (strength > 0 && totalScale > 0) {
    for (let offset = 0; offset < pixels.length; offset += 3) {
      const lum = luminance(pixels[offset] ?? 0, pixels[offset + 1] ?? 0, pixels[offset + 2] ?? 0);
      for (let channel = 0; channel < 3; channel++) {
        const styled =
          styles.reduce((sum, style) => sum + style.scale * paletteAt(style.palette, lum, channel), 0) / totalScale;
        pixels[offset + channel] = (pixels[offset + channel] ?? 0) * (1 - strength) + styled * strength;
      }
    }
  }
  for (const { subject, scale } of styles) {
    if (!subject) continue;
    for (let pixel = 0; pixel < subject.weight.length; pixel++) {
      const weight = scale * (subject.weight[pixel] ?? 0);
      for (let channel = 0; channel < 3; channel++) {
        const offset = pixel * 3 + channel;
        pixels[offset] = (pixels[offset] ?? 0) * (1 - weight) + (subject.rgb[offset] ?? 0) * weight;
      }
    }
  }
}

const luminance = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** `PALETTE_STEPS` mean colours of equal slices of the pixels sorted by luminance. */
function luminancePalette(rgb: Uint8Array): Rgb[] {
  const pixels = Array.from(
    { length: rgb.length / 3 },
    (_, i): Rgb => [rgb[i * 3] ?? 0, rgb[i * 3 + 1] ?? 0, rgb[i * 3 + 2] ?? 0],
  );
  pixels.sort((a, b) => luminance(...a) - luminance(...b));
  const slice = pixels.length / PALETTE_STEPS;
  return Array.from({ length: PALETTE_STEPS }, (_, step) => {
    const part = pixels.slice(Math.floor(step * slice), Math.floor((step + 1) * slice));
    return [0, 1, 2].map((channel) => part.reduce((sum, p) => sum + p[channel as 0], 0) / part.length) as Rgb;
  });
}

/** The palette's colour at luminance `lum` (0–255), interpolated between steps. */
function paletteAt(palette: readonly Rgb[], lum: number, channel: number): number {
  const position = (lum / 255) * (palette.length - 1);
  const low = Math.floor(position);
  const high = Math.min(palette.length - 1, low + 1);
  const t = position - low;
  return (palette[low]?.[channel as 0] ?? 0) * (1 - t) + (palette[high]?.[channel as 0] ?? 0) * t;
}

/** Mean colour of the thumbnail's edge pixels: the image's background. */
function borderColour(rgb: Uint8Array): Rgb {
  const sum: Rgb = [0, 0, 0];
  let count = 0;
  for (let y = 0; y < THUMBNAIL; y++) {
    for (let x = 0; x < THUMBNAIL; x++) {
      if (x > 0 && y > 0 && x < THUMBNAIL - 1 && y < THUMBNAIL - 1) continue;
      for (let channel = 0; channel < 3; channel++) sum[channel as 0] += rgb[(y * THUMBNAIL + x) * 3 + channel] ?? 0;
      count++;
    }
  }
  return sum.map((value) => value / count) as Rgb;
}

/** The image fitted into the output (centred, letterboxed) and, per pixel, whether it differs from the background. */
async function subjectOf(
  sharp: typeof sharpType,
  bytes: Uint8Array,
  background: Rgb,
  width: number,
  height: number,
): Promise<NonNullable<PreparedStyle['subject']>> {
  const rgba = await sharp(bytes)
    .resize(width, height, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  const rgb = new Uint8Array(width * height * 3);
  const weight = new Float32Array(width * height);
  for (let pixel = 0; pixel < weight.length; pixel++) {
    const colour = [rgba[pixel * 4] ?? 0, rgba[pixel * 4 + 1] ?? 0, rgba[pixel * 4 + 2] ?? 0];
    rgb.set(colour, pixel * 3);
    const distance = colour.reduce((sum, value, channel) => sum + Math.abs(value - background[channel as 0]), 0);
    weight[pixel] = distance > SUBJECT_DISTANCE ? (rgba[pixel * 4 + 3] ?? 0) / 255 : 0;
  }
  return { rgb, weight };
}
