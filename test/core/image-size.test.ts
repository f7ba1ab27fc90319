import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../src/core/image-size.js';
import { ftyp, PDF, realImage } from '../helpers/images.js';

const WIDTH = 97;
const HEIGHT = 41;
const canvas = () =>
  sharp({ create: { width: WIDTH, height: HEIGHT, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } });
const bytes = async (image: ReturnType<typeof sharp>) => new Uint8Array(await image.toBuffer());

describe('readImageSize', () => {
  it.each([
    ['png', () => canvas().png()],
    ['baseline jpeg', () => canvas().jpeg()],
    ['progressive jpeg', () => canvas().jpeg({ progressive: true })],
    ['jpeg behind EXIF and ICC segments', () => canvas().jpeg().withMetadata({ orientation: 6 }).keepIccProfile()],
    ['lossy webp (VP8)', () => canvas().flatten().webp()],
    ['lossless webp (VP8L)', () => canvas().webp({ lossless: true })],
    ['webp with alpha (VP8X)', () => canvas().webp({ alphaQuality: 50 })],
  ])('reads the size of a %s made by sharp', async (_name, make) => {
    expect(readImageSize(await bytes(make()))).toEqual({ width: WIDTH, height: HEIGHT });
  });

  it('reads a 2048-pixel side and an odd one', async () => {
    const wide = sharp({ create: { width: 2048, height: 9, channels: 3, background: 'white' } });
    for (const image of [wide.clone().png(), wide.clone().jpeg(), wide.clone().webp()]) {
      expect(readImageSize(await bytes(image))).toEqual({ width: 2048, height: 9 });
    }
  });

  it('answers undefined for bytes cut before the size', async () => {
    const jpeg = await bytes(canvas().jpeg());
    const png = await bytes(canvas().png());
    const webp = await bytes(canvas().webp({ lossless: true }));
    expect(readImageSize(png.subarray(0, 20))).toBeUndefined();
    expect(readImageSize(jpeg.subarray(0, 30))).toBeUndefined();
    expect(readImageSize(webp.subarray(0, 22))).toBeUndefined();
  });

  it('answers undefined for other formats and non-images', async () => {
    expect(readImageSize(await realImage('gif'))).toBeUndefined();
    expect(readImageSize(ftyp('avif'))).toBeUndefined();
    expect(readImageSize(PDF)).toBeUndefined();
    expect(readImageSize(new Uint8Array(0))).toBeUndefined();
    expect(readImageSize(Uint8Array.from([0xff, 0xd8, 0x00, 0x01]))).toBeUndefined();
  });
});
