import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { VectorizeParamsSchema } from './vectorize-endpoint.js';

/**
 * Vectorization (`POST /generate/vectorize`): an image traced into an SVG asset
 * (`image/svg+xml`), for icons and UI art that scale to any size. A `preset` picks the tracing
 * settings; with `preset: 'custom'` (or none) the tuning fields apply.
 *
 * @example
 * ```ts
 * const { assets: [svg] } = await client.vectorize.run({ image: './shield-icon.png', preset: 'poster' });
 * const text = new TextDecoder().decode(await client.assets.download(svg!));
 * ```
 * @example create
 * ```ts
 * const generation = await client.vectorize.create({ image: 'asset_icon', preset: 'bw' });
 * const { assets: [svg] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [svg] } = await client.vectorize.run({ image: './shield-icon.png', colorMode: 'color', mode: 'spline', filterSpeckle: 4 });
 * console.log(svg?.mimeType); // image/svg+xml
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.vectorize.estimate({ image: 'asset_icon' });
 * ```
 */
export class Vectorize extends GenerationResource<typeof VectorizeParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'vectorize', () => import('./vectorize-endpoint.js'));
  }
}
