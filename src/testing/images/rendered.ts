import type { Sharp } from 'sharp';
import type { ImageInfo } from './probe.js';

/** An encoded image with the facts an asset's `properties` report. */
export interface RenderedImage extends ImageInfo {
  bytes: Uint8Array;
}

/** Encodes a sharp pipeline (PNG unless `format` says `jpeg`) and reads back its real size. */
export async function encode(pipeline: Sharp, format: 'png' | 'jpeg' = 'png'): Promise<RenderedImage> {
  const encoder = format === 'jpeg' ? pipeline.jpeg({ quality: 90 }) : pipeline.png();
  const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), mimeType: `image/${format}`, width: info.width, height: info.height };
}
