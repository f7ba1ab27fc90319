/**
 * Makes RGB pixels tile, in place, one axis at a time (across, then down unless
 * `horizontalOnly`): each pixel is blended with the pixel half a tile away, the rolled copy
 * weighing all at the edges and nothing in the middle. The edges then hold pixels that were
 * neighbours in the middle of the image, so the left edge continues the right one (and the top
 * the bottom), as on a seamless texture or a 360° panorama; the rolled copy's own seam falls
 * where it weighs nothing.
 */
export function makeSeamless(pixels: Uint8ClampedArray, width: number, height: number, horizontalOnly = false): void {
  blendRolled(pixels, width, height, 'x');
  if (!horizontalOnly) blendRolled(pixels, width, height, 'y');
}

function blendRolled(pixels: Uint8ClampedArray, width: number, height: number, axis: 'x' | 'y'): void {
  const source = pixels.slice();
  const size = axis === 'x' ? width : height;
  const half = Math.floor(size / 2);
  // The unrolled image's weight along the axis: near 0 at the edges, 1 in the middle.
  const keep = Array.from({ length: size }, (_, position) => Math.sin((Math.PI * (position + 0.5)) / size));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const position = axis === 'x' ? x : y;
      const rolledX = axis === 'x' ? (x + half) % width : x;
      const rolledY = axis === 'y' ? (y + half) % height : y;
      const weight = keep[position] ?? 1;
      const offset = (y * width + x) * 3;
      const rolled = (rolledY * width + rolledX) * 3;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] =
          (source[offset + channel] ?? 0) * weight + (source[rolled + channel] ?? 0) * (1 - weight);
      }
    }
  }
}
