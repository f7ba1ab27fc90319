import * as z from 'zod';
import { listPages } from '../core/list-pages.js';
import type { RequestOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';

/** When a model input is required: always, or depending on other inputs. */
export const ModelInputRequiredSchema = z.looseObject({
  always: z.boolean().optional(),
  ifDefined: z.union([z.string(), z.array(z.string())]).optional(),
  ifNotDefined: z.union([z.string(), z.array(z.string())]).optional(),
  conditionalValues: z.unknown().optional(),
});
/** {@link ModelInputRequiredSchema} as a type. */
export type ModelInputRequired = z.output<typeof ModelInputRequiredSchema>;

/** One input of a model's contract, as `GET /models/{id}` lists it in `inputs[]`. */
export const ModelInputSchema = z.looseObject({
  name: z.string(),
  /** `boolean | file | file_array | inputs_array | model | model_array | number | number_array | string | string_array`, or newer. */
  type: z.string(),
  label: z.string().optional(),
  description: z.string().optional(),
  default: z.unknown().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  allowedValues: z.array(z.unknown()).optional(),
  minLength: z.number().optional(),
  maxLength: z.number().optional(),
  maxSize: z.number().optional(),
  kind: z.string().optional(),
  required: ModelInputRequiredSchema.optional(),
  group: z.string().optional(),
});
/** The parsed shape of {@link ModelInputSchema}. */
export type ModelInput = z.output<typeof ModelInputSchema>;

/** A model: built-in, public or trained. `inputs` is present on models run through `/generate/custom`. */
export const ModelSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  privacy: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  inputs: z.array(ModelInputSchema).optional(),
  ownerId: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
/**
 * A model: built-in, public or trained; `inputs` is its contract for `client.custom`.
 *
 * @interface
 */
export type Model = z.output<typeof ModelSchema>;

/** `{ model }` envelope. */
export const ModelEnvelopeSchema = z.looseObject({ model: ModelSchema });

/** `{ models, nextPaginationToken? }` of `GET /models`. */
export const ModelListResponseSchema = z.looseObject({
  models: z.array(ModelSchema),
  nextPaginationToken: z.string().nullish(),
});
/** {@link ModelListResponseSchema} as a type. */
export type ModelListResponse = z.output<typeof ModelListResponseSchema>;

/** Query of `client.models.list()` (`GET /models`); the page token is handled by the page. */
export const ModelListQuerySchema = z.strictObject({
  /** Models per page. */
  pageSize: z.number().int().min(1).max(100).optional(),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.string().min(1).optional(),
  /** `private` (your project's), `public` (Scenario's catalogue) or `unlisted`. */
  privacy: z.enum(['private', 'public', 'unlisted']).optional(),
  /** Only models with this status, e.g. `trained`. */
  status: z.string().min(1).optional(),
  /** Only models of this type, e.g. `flux.1-lora`. */
  type: z.string().min(1).optional(),
});
/** What the caller passes, as {@link ModelListQuerySchema}. */
export type ModelListQuery = z.input<typeof ModelListQuerySchema>;

/** A page of models; `for await` walks every later page too. */
export type ModelPage = Page<Model>;

/**
 * Models (`/models`): built-in, public and trained ones, with the `inputs[]` contract that
 * `client.custom` checks inputs against.
 *
 * @example
 * ```ts
 * const model = await client.models.get('model_upscale-v3');
 * console.log(model.inputs?.map((input) => input.name));
 * ```
 */
export class Models {
  readonly #transport: Transport;
  readonly #cache = new Map<string, Model>();

  /** @internal Built by the client as `client.models`. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * One model (`GET /models/{modelId}`). The answer is remembered by this client, and from then
   * on `client.custom` checks inputs for this model against its `inputs[]` before sending.
   *
   * @example
   * ```ts
   * const model = await client.models.get('model_bfl-flux-2-dev');
   * ```
   */
  async get(modelId: string, options?: RequestOptions): Promise<Model> {
    const { model } = await this.#transport.request({
      method: 'GET',
      path: path`/models/${modelId}`,
      schema: ModelEnvelopeSchema,
      options,
    });
    this.#cache.set(modelId, model);
    return model;
  }

  /**
   * Models (`GET /models`). Await it for the first page, or `for await` it for every model.
   *
   * @example
   * ```ts
   * for await (const model of client.models.list({ privacy: 'private' })) console.log(model.id, model.name);
   * ```
   */
  list(query: ModelListQuery = {}, options?: RequestOptions): PagePromise<Model> {
    return listPages(this.#transport, {
      what: 'models.list query',
      path: '/models',
      query,
      querySchema: ModelListQuerySchema,
      schema: ModelListResponseSchema,
      items: (body) => body.models,
      options,
    });
  }

  /**
   * The model as last fetched by {@link get} on this client, if it was. No request is made.
   *
   * @example
   * ```ts
   * const known = client.models.cached('model_upscale-v3') ?? (await client.models.get('model_upscale-v3'));
   * ```
   */
  cached(modelId: string): Model | undefined {
    return this.#cache.get(modelId);
  }
}
