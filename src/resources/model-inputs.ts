import * as z from 'zod/mini';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Model, ModelInput, ModelInputCondition } from '../schemas/model.js';

/**
 * The zod schema of a model's inputs, built from its `inputs[]` contract, as `client.custom`
 * checks them with `validate`:
 * - each input's type, `min`/`max`, `allowedValues` (each item's, for arrays); values in the
 *   type the model declares (`"512"` for a `string` input, `8`, not `"8"`, for a `number` one);
 * - `minLength`/`maxLength`: characters of a `string`, items of an array input (Patina's
 *   `maps` takes at most 5 map names, each any length);
 * - requirements: `always`, `ifDefined` (required when a named input is given) and `ifNotDefined`
 *   (required when a named input is not); two inputs naming each other through `ifNotDefined`
 *   ask for one of the two. A missed requirement is refused with the model's own message. An input
 *   with a `default` is never missing (the server fills it in), and a rule naming an input the
 *   model does not declare is ignored. Rules the SDK cannot evaluate (`when.inferenceType`,
 *   `conditionalValues`) are left to the server.
 *
 * Names the model does not list are refused. Input types the SDK does not know accept any value.
 * Built once per model object and remembered, as each validated `client.custom` call asks for it
 * again (a model object changed in place keeps the schema it was first given).
 */
export function modelInputsSchema(model: Model): z.ZodMiniType<Record<string, unknown>> {
  let schema = schemas.get(model);
  if (schema === undefined) {
    schema = inputsSchema(model);
    schemas.set(model, schema);
  }
  return schema;
}

const schemas = new WeakMap<Model, z.ZodMiniType<Record<string, unknown>>>();

function inputsSchema(model: Model): z.ZodMiniType<Record<string, unknown>> {
  const inputs = model.inputs ?? [];
  const shape: Record<string, z.ZodMiniType> = {};
  for (const input of inputs) {
    const value = inputValueSchema(input);
    shape[input.name] =
      input.required?.always && input.default === undefined ? requiredValue(model.id, value) : z.optional(value);
  }
  return z
    .strictObject(shape)
    .check(z.superRefine(conditionalRequirements(inputs), { when: (payload) => isRecord(payload.value) }));
}

/** An input `required.always`: missing is an issue at its name, listed in declaration order with the others. */
function requiredValue(modelId: string, value: z.ZodMiniType): z.ZodMiniType {
  return z.pipe(
    z.any().check(z.refine((given) => given !== undefined, { message: `required by model ${modelId}`, abort: true })),
    value,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `ifDefined` / `ifNotDefined` rules: each input they make required and the caller left out
 * is one issue, with the first applying rule's message.
 */
function conditionalRequirements(inputs: readonly ModelInput[]) {
  const declared = new Map(inputs.map((input) => [input.name, input]));
  return (given: Record<string, unknown>, context: z.core.$RefinementCtx<Record<string, unknown>>) => {
    const has = (name: string) => given[name] !== undefined || declared.get(name)?.default !== undefined;
    for (const input of inputs) {
      const { ifDefined = {}, ifNotDefined = {} } = input.required ?? {};
      if (has(input.name)) continue;
      const applies = (rules: Record<string, ModelInputCondition>, when: (other: string) => boolean) =>
        Object.entries(rules).find(([other]) => declared.has(other) && other !== input.name && when(other));
      const rule = applies(ifDefined, has) ?? applies(ifNotDefined, (other) => !has(other));
      if (!rule) continue;
      const [other, { message }] = rule;
      const why = `required when ${other} is ${has(other) ? 'given' : 'not given'}`;
      context.addIssue({ code: 'custom', path: [input.name], message: message ?? why, input: undefined });
    }
  };
}

function inputValueSchema(input: ModelInput): z.ZodMiniType {
  const allowed = input.allowedValues;
  const oneOf = <S extends z.ZodMiniType>(schema: S) =>
    allowed && allowed.length > 0
      ? schema.check(
          z.refine((value) => allowed.includes(value), {
            message: `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
          }),
        )
      : schema;
  const number = () => {
    let schema = z.number();
    if (input.min !== undefined) schema = schema.check(z.minimum(input.min));
    if (input.max !== undefined) schema = schema.check(z.maximum(input.max));
    return oneOf(schema);
  };
  const string = () => {
    let schema = z.string();
    if (input.minLength !== undefined) schema = schema.check(z.minLength(input.minLength));
    if (input.maxLength !== undefined) schema = schema.check(z.maxLength(input.maxLength));
    return oneOf(schema);
  };
  /** An array input: `minLength`/`maxLength` count its items. */
  const array = (item: z.ZodMiniType) => {
    let schema = z.array(item);
    if (input.minLength !== undefined) schema = schema.check(z.minLength(input.minLength));
    if (input.maxLength !== undefined) schema = schema.check(z.maxLength(input.maxLength));
    return schema;
  };
  switch (input.type) {
    case 'boolean':
      return z.boolean();
    case 'number':
      return number();
    case 'number_array':
      return array(number());
    case 'string':
      return string();
    case 'string_array':
      return array(oneOf(z.string()));
    // A model id; `""`, the live models' default, means none.
    case 'model':
      return z.string();
    case 'model_array':
      return array(z.string().check(z.minLength(1)));
    case 'file':
      return ImageInputSchema;
    case 'file_array':
      return array(ImageInputSchema);
    case 'inputs_array':
      return array(z.record(z.string(), z.unknown()));
    default:
      return z.unknown();
  }
}
