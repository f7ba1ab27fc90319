import sharp from 'sharp';

type Rgb = [number, number, number];

/** The RGB pixels of an image scaled to `side`×`side` (on white where transparent). */
export async function pixelsOf(bytes: Uint8Array, side: number): Promise<Rgb[]> {
  const raw = await sharp(bytes)
    .resize(side, side, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer();
  return Array.from(
    { length: raw.length / 3 },
    (_, index): Rgb => [raw[index * 3] ?? 0, raw[index * 3 + 1] ?? 0, raw[index * 3 + 2] ?? 0],
  );
}

/** A palette: every colour of the images scaled to 8×8. */
export async function paletteOf(images: readonly Uint8Array[]): Promise<Rgb[]> {
  return (await Promise.all(images.map((bytes) => pixelsOf(bytes, 8)))).flat();
}

/**
 * How far an image's colours are from a palette: the mean, over its pixels (at 64×64), of the
 * RGB distance to the nearest palette colour (0 = only palette colours; at most 441).
 */
export async function distanceToPalette(image: Uint8Array, palette: readonly Rgb[]): Promise<number> {
  const pixels = await pixelsOf(image, 64);
  const nearest = (pixel: Rgb) =>
    Math.min(...palette.map((colour) => Math.hypot(pixel[0] - colour[0], pixel[1] - colour[1], pixel[2] - colour[2])));
  return pixels.reduce((sum, pixel) => sum + nearest(pixel), 0) / pixels.length;
}
