import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';

const modelInputRequiredShape = {
  always: z.optional(z.boolean()),
  ifDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  ifNotDefined: z.optional(z.union([z.string(), z.array(z.string())])),
  conditionalValues: z.optional(z.unknown()),
};
/**
 * When a model input is required: always, or depending on other inputs.
 *
 * @interface
 */
export type ModelInputRequired = KnownFields<typeof modelInputRequiredShape>;
/** Schema of {@link ModelInputRequired}. */
export const ModelInputRequiredSchema: ObjectSchema<typeof modelInputRequiredShape, ModelInputRequired> =
  responseObject(modelInputRequiredShape);

const modelInputShape = {
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
};
/**
 * One input of a model's contract, as `GET /models/{id}` lists it in `inputs[]`.
 *
 * @interface
 */
export type ModelInput = KnownFields<typeof modelInputShape>;
/** Schema of {@link ModelInput}. */
export const ModelInputSchema: ObjectSchema<typeof modelInputShape, ModelInput> = responseObject(modelInputShape);

const modelShape = {
  id: z.string(),
  name: z.optional(z.string()),
  type: z.optional(z.string()),
  status: z.optional(z.string()),
  privacy: z.optional(z.string()),
  capabilities: z.optional(z.array(z.string())),
  tags: z.optional(z.array(z.string())),
  /** Present on models run through `/generate/custom`. */
  inputs: z.optional(z.array(ModelInputSchema)),
  ownerId: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
};
/**
 * A model: built-in, public or trained; `inputs` is its contract for `client.custom`.
 *
 * @interface
 */
export type Model = KnownFields<typeof modelShape>;
/** Schema of {@link Model}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const ModelSchema: ObjectSchema<typeof modelShape, Model> = responseObject(modelShape);

/** `{ model }` envelope. */
export const ModelEnvelopeSchema = responseObject({ model: ModelSchema });

const modelListResponseShape = {
  models: z.array(ModelSchema),
  nextPaginationToken: z.nullish(z.string()),
};
/**
 * One page of `GET /models`.
 *
 * @interface
 */
export type ModelListResponse = KnownFields<typeof modelListResponseShape>;
/** `{ models, nextPaginationToken? }` of `GET /models`. */
export const ModelListResponseSchema: ObjectSchema<typeof modelListResponseShape, ModelListResponse> =
  responseObject(modelListResponseShape);

/** Query of `client.models.list()` (`GET /models`); the project comes from the client's or the call's `projectId`. */
export const ModelListQuerySchema = z.strictObject({
  /** Models per page, 1–500. Server default 100. */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.optional(z.string().check(z.minLength(1))),
  /** `private` (your project's, the default) or `public` (Scenario's catalogue). */
  privacy: z.optional(z.enum(['private', 'public'])),
  /** Only models with this status, e.g. `trained`. */
  status: z.optional(z.string().check(z.minLength(1))),
  /** Only the models in this collection. */
  collectionId: z.optional(z.string().check(z.minLength(1))),
  /** `true` lists the models blacklisted for the team (team admins only). */
  blacklisted: z.optional(z.boolean()),
  /** `true` lists only the models loaded on a GPU now. */
  loadedOnly: z.optional(z.boolean()),
  /** `true` returns the original assets, without transformation. */
  originalAssets: z.optional(z.boolean()),
});
/** What the caller passes, as {@link ModelListQuerySchema}. */
export type ModelListQuery = z.input<typeof ModelListQuerySchema>;
