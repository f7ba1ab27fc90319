import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { ReframeParamsSchema } from './reframe-endpoint.js';

/**
 * Reframing (`POST /generate/reframe`): an image placed in a frame of `targetWidth`×`targetHeight`
 * at `inputLocation` (default `middle`), the new space painted to continue it. For key art in
 * every store format: a square icon to a 16:9 banner, a landscape to a 9:16 phone screen.
 *
 * @example
 * ```ts
 * const { assets: [banner] } = await client.reframe.run({ image: './key-art.png', targetWidth: 1920, targetHeight: 1080, prompt: 'castle walls under a stormy sky' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.reframe.create({ image: 'asset_art', targetWidth: 1080, targetHeight: 1920, inputLocation: 'top' });
 * const { assets: [poster] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [banner] } = await client.reframe.run({ image: './key-art.png', targetWidth: 1920, targetHeight: 1080, inputLocation: 'left', resizeOption: 80 });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.reframe.estimate({ image: 'asset_art', targetWidth: 1920, targetHeight: 1080 });
 * ```
 */
export class Reframe extends GenerationResource<typeof ReframeParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'reframe', () => import('./reframe-endpoint.js'));
  }
}
