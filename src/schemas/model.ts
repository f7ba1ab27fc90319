import * as z from 'zod/mini';

/** When a model input is required: always, or depending on other inputs. */
export const ModelInputRequiredSchema = z.looseObject({
  always: z.optional(z.boolean()),
  ifDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  ifNotDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  conditionalValues: z.optional(z.unknown()),
});
/** {@link ModelInputRequiredSchema} as a type. */
export type ModelInputRequired = z.output<typeof ModelInputRequiredSchema>;

/** One input of a model's contract, as `GET /models/{id}` lists it in `inputs[]`. */
export const ModelInputSchema = z.looseObject({
  name: z.string(),
  /** `boolean | file | file_array | inputs_array | model | model_array | number | number_array | string | string_array`, or newer. */
  type: z.string(),
  label: z.optional(z.string()),
  description: z.optional(z.string()),
  default: z.optional(z.unknown()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  step: z.optional(z.number()),
  allowedValues: z.optional(z.array(z.unknown())),
  minLength: z.optional(z.number()),
  maxLength: z.optional(z.number()),
  maxSize: z.optional(z.number()),
  kind: z.optional(z.string()),
  required: z.optional(ModelInputRequiredSchema),
  group: z.optional(z.string()),
});
/** The parsed shape of {@link ModelInputSchema}. */
export type ModelInput = z.output<typeof ModelInputSchema>;

/** A model: built-in, public or trained. `inputs` is present on models run through `/generate/custom`. */
export const ModelSchema = z.looseObject({
  id: z.string(),
  name: z.optional(z.string()),
  type: z.optional(z.string()),
  status: z.optional(z.string()),
  privacy: z.optional(z.string()),
  capabilities: z.optional(z.array(z.string())),
  tags: z.optional(z.array(z.string())),
  inputs: z.optional(z.array(ModelInputSchema)),
  ownerId: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
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
  nextPaginationToken: z.nullish(z.string()),
});
/** {@link ModelListResponseSchema} as a type. */
export type ModelListResponse = z.output<typeof ModelListResponseSchema>;

/** Query of `client.models.list()` (`GET /models`); the page token is handled by the page. */
export const ModelListQuerySchema = z.strictObject({
  /** Models per page. */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.optional(z.string().check(z.minLength(1))),
  /** `private` (your project's), `public` (Scenario's catalogue) or `unlisted`. */
  privacy: z.optional(z.enum(['private', 'public', 'unlisted'])),
  /** Only models with this status, e.g. `trained`. */
  status: z.optional(z.string().check(z.minLength(1))),
  /** Only models of this type, e.g. `flux.1-lora`. */
  type: z.optional(z.string().check(z.minLength(1))),
});
/** What the caller passes, as {@link ModelListQuerySchema}. */
export type ModelListQuery = z.input<typeof ModelListQuerySchema>;
