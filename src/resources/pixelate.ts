import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { PixelateParamsSchema } from './pixelate-endpoint.js';

/**
 * Pixel art from an image (`POST /generate/pixelate`): a grid of `pixelGridSize` pixel-art pixels
 * along the longer side, each one flat colour, in at most `colorPaletteSize` colours (or only
 * those of `colorPalette`); `removeBackground` cuts the subject out first, for sprites.
 *
 * @example
 * ```ts
 * const { assets: [sprite] } = await client.pixelate.run({ image: './knight.png', pixelGridSize: 64, colorPaletteSize: 16, removeBackground: true });
 * ```
 * @example create
 * ```ts
 * const generation = await client.pixelate.create({ image: 'asset_knight', pixelGridSize: 32 });
 * const { assets: [sprite] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [sprite] } = await client.pixelate.run({ image: './knight.png', pixelGridSize: 64, colorPaletteSize: 16, removeBackground: true });
 * // With a fixed palette (a Game Boy's four greens):
 * const gameBoy = await client.pixelate.run({ image: 'asset_knight', pixelGridSize: 32, colorPalette: [[15, 56, 15], [48, 98, 48], [139, 172, 15], [155, 188, 15]] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.pixelate.estimate({ image: 'asset_knight', pixelGridSize: 64 });
 * ```
 */
export class Pixelate extends GenerationResource<typeof PixelateParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'pixelate', () => import('./pixelate-endpoint.js'));
  }
}
