import type { DescribeStyleParamsSchema, DescribeStyleResult } from './describe-style-endpoint.js';
import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';

/**
 * Style description (`POST /generate/describe-style`): the style of some images, or of a
 * model's training set, in words, ready to reuse in prompts or a style guide. The result is
 * text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { description, synthesis } = await client.describeStyle.run({ images: ['./concept-1.png', './concept-2.png'] });
 * ```
 * @example create
 * ```ts
 * const generation = await client.describeStyle.create({ modelId: 'model_watercolor' });
 * const { synthesis } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { description, synthesis } = await client.describeStyle.run({ images: ['./concept-1.png', './concept-2.png'] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.describeStyle.estimate({ modelId: 'model_watercolor' });
 * ```
 */
export class DescribeStyle extends GenerationResource<typeof DescribeStyleParamsSchema, DescribeStyleResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'describeStyle', () => import('./describe-style-endpoint.js'));
  }
}
