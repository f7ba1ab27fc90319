import { z } from 'zod';

/** When a model input is required: always, or depending on other inputs. */
export const ModelInputRequiredSchema = z.looseObject({
  always: z.boolean().optional(),
  ifDefined: z.union([z.string(), z.array(z.string())]).optional(),
  ifNotDefined: z.union([z.string(), z.array(z.string())]).optional(),
  conditionalValues: z.unknown().optional(),
});

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
export type Model = z.output<typeof ModelSchema>;

/** `{ model }` envelope. */
export const ModelEnvelopeSchema = z.looseObject({ model: ModelSchema });

/** `{ models, nextPaginationToken? }` of `GET /models`. */
export const ModelListResponseSchema = z.looseObject({
  models: z.array(ModelSchema),
  nextPaginationToken: z.string().optional(),
});
