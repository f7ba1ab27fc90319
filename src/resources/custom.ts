import { lazyImport } from '../core/lazy-import.js';
import type { CustomInputs } from '../schemas/custom.js';
import type { CostEstimate, GenerationResult } from '../schemas/generation.js';
import type { CustomClient, CustomRequestOptions, CustomRunOptions } from './custom-calls.js';
import type { GenerationJob } from './generation-calls.js';

/** The code of `client.custom`, loaded with the first call. */
const customCalls = () => lazyImport('client.custom', () => import('./custom-calls.js'));

/**
 * Any model through `POST /generate/custom/{modelId}` — the API's current primary endpoint —
 * with the model's own inputs (see `client.models.get(modelId).inputs`).
 *
 * @example
 * ```ts
 * const { assets } = await client.custom.run('model_upscale-v3', { image: 'asset_abc', upscaleFactor: 2 });
 * ```
 */
export class Custom {
  readonly #client: CustomClient;

  /** @internal Built by the client as `client.custom`. */
  constructor(client: CustomClient) {
    this.#client = client;
  }

  /**
   * Submits a run of the model and returns at once with the queued job.
   *
   * @example
   * ```ts
   * const generation = await client.custom.create('model_bfl-flux-2-dev', { prompt: 'a knight', numOutputs: 2 }, { validate: true });
   * const { assets } = await generation.wait();
   * ```
   */
  async create(modelId: string, inputs: CustomInputs, options?: CustomRequestOptions): Promise<GenerationJob> {
    return (await customCalls()).createCustom(this.#client, modelId, inputs, options);
  }

  /**
   * Runs the model: submits, waits and fetches the output assets in order. One options bag, as
   * for the typed resources' `run` ({@link RunOptions}), plus `validate`; all checked before any
   * request.
   *
   * @example
   * ```ts
   * // A file path is read as an image only where the model's contract says `file`: hence validate.
   * const { assets } = await client.custom.run('model_photoroom-background-removal', { image: './hero.png' }, { waitTimeout: 120_000, validate: true });
   * ```
   */
  async run(modelId: string, inputs: CustomInputs, options?: CustomRunOptions): Promise<GenerationResult> {
    return (await customCalls()).runCustom(this.#client, modelId, inputs, options);
  }

  /**
   * Quotes a run of the model (`?dryRun=true`); no job is created and nothing is billed. Image
   * inputs other than asset ids are still uploaded first (as hidden assets), since the model
   * takes asset ids: pass asset ids to quote without uploading.
   *
   * @example
   * ```ts
   * const { creativeUnitsCost } = await client.custom.estimate('model_upscale-v3', { image: 'asset_abc', upscaleFactor: 4 });
   * ```
   */
  async estimate(modelId: string, inputs: CustomInputs, options?: CustomRequestOptions): Promise<CostEstimate> {
    return (await customCalls()).estimateCustom(this.#client, modelId, inputs, options);
  }
}
