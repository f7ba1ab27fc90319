import type { ModelInput } from '../../schemas/model.js';
import { badRequest } from '../errors.js';
import type { ImageResolver, ResolvedImage } from '../image-inputs.js';

/** A custom model's inputs after validation: values with defaults applied, resolved images by input name, and the body fields the model does not take. */
export interface CustomInputs {
  values: Record<string, unknown>;
  images: Record<string, ResolvedImage[]>;
  unknown: string[];
}

/**
 * Checks a `/generate/custom/{modelId}` body against the model's `inputs[]` (types, required,
 * min/max, steps, allowedValues, lengths, array sizes), as the real API does before running
 * anything. Fields the model does not take are left out and named in `unknown`.
 */
export async function validateCustomInputs(
  inputs: readonly ModelInput[],
  given: Record<string, unknown>,
  resolver: ImageResolver,
): Promise<CustomInputs> {
  const unknown = Object.keys(given).filter((name) => !inputs.some((input) => input.name === name));
  const declared = new Map(inputs.map((input) => [input.name, input]));
  const inputValue = (name: string) => given[name] ?? declared.get(name)?.default;

  const values: Record<string, unknown> = {};
  const images: Record<string, ResolvedImage[]> = {};
  for (const input of inputs) {
    const value = inputValue(input.name);
    if (value === undefined) {
      const missing = requirement(input, declared, (name) => inputValue(name) !== undefined);
      if (missing) throw badRequest(missing);
      continue;
    }
    checkValue(input, value);
    values[input.name] = value;
    if (input.type === 'file' || input.type === 'file_array') {
      const refs = (Array.isArray(value) ? value : [value]) as string[];
      images[input.name] = await Promise.all(refs.map((ref) => resolver.resolve(ref, input.name)));
      checkSize(input, images[input.name] ?? []);
      values[input.name] = Array.isArray(value)
        ? images[input.name]?.map((image) => image.assetId)
        : images[input.name]?.[0]?.assetId;
    }
  }
  return { values, images, unknown };
}

/**
 * Why a missing input is required, if it is: `always`, `ifDefined` (another input, by name, is
 * set) or `ifNotDefined` (it is not), with the model's own message. Rules naming an input the
 * model does not declare never apply; `when` and `conditionalValues` are not modelled.
 */
function requirement(
  input: ModelInput,
  declared: ReadonlyMap<string, ModelInput>,
  isSet: (name: string) => boolean,
): string | undefined {
  const { always, ifDefined = {}, ifNotDefined = {} } = input.required ?? {};
  if (always) return `Input ${input.name} is required`;
  const applying = (rules: Record<string, { message?: string | undefined }>, applies: (other: string) => boolean) =>
    Object.entries(rules).find(([other]) => declared.has(other) && other !== input.name && applies(other));
  const [other, { message } = {}] = applying(ifDefined, isSet) ?? applying(ifNotDefined, (name) => !isSet(name)) ?? [];
  if (other === undefined) return undefined;
  return message ?? `Input ${input.name} is required when ${other} is ${isSet(other) ? 'set' : 'not set'}`;
}

/** `maxSize` of a file input: the most bytes each file may have. */
function checkSize(input: ModelInput, files: readonly ResolvedImage[]): void {
  const tooBig = files.find((file) => input.maxSize !== undefined && file.bytes.byteLength > input.maxSize);
  if (tooBig)
    throw badRequest(`Invalid ${input.name}: files of at most ${input.maxSize} bytes, got ${tooBig.bytes.byteLength}`);
}

const ELEMENT_TYPES: Record<string, string> = {
  file: 'string',
  string: 'string',
  number: 'number',
  boolean: 'boolean',
};

function checkValue(input: ModelInput, value: unknown): void {
  const invalid = (why: string) => badRequest(`Invalid ${input.name}: ${why}`);
  const isArray = input.type.endsWith('_array');
  const elementType = ELEMENT_TYPES[input.type.replace(/_array$/, '')];
  if (elementType === undefined) return; // model/inputs_array inputs: not modelled by the emulator's seeded models.
  if (isArray !== Array.isArray(value)) throw invalid(`expected ${isArray ? 'an array' : `a ${elementType}`}`);
  const elements: unknown[] = isArray ? (value as unknown[]) : [value];
  // An array's lengths count its items (Patina's `maps`: at most 5 names); a string's, its characters.
  if (isArray && input.minLength !== undefined && elements.length < input.minLength) {
    throw invalid(`at least ${input.minLength} items, got ${elements.length}`);
  }
  if (isArray && input.maxLength !== undefined && elements.length > input.maxLength) {
    throw invalid(`at most ${input.maxLength} items, got ${elements.length}`);
  }
  for (const element of elements) {
    if (typeof element !== elementType || (typeof element === 'number' && !Number.isFinite(element))) {
      throw invalid(`expected ${elementType} values`);
    }
    if (input.allowedValues && !input.allowedValues.includes(element)) {
      throw invalid(
        `${JSON.stringify(element)} is not one of ${input.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
      );
    }
    if (typeof element === 'number') {
      if (input.min !== undefined && element < input.min) throw invalid(`must be at least ${input.min}`);
      if (input.max !== undefined && element > input.max) throw invalid(`must be at most ${input.max}`);
      // Whole steps (1, 16…) are checked; fractional ones (0.01) only guide UI sliders.
      if (input.step !== undefined && Number.isInteger(input.step) && element % input.step !== 0) {
        throw invalid(input.step === 1 ? 'must be an integer' : `must be a multiple of ${input.step}`);
      }
    }
    if (input.type === 'string' && typeof element === 'string') {
      if (input.minLength !== undefined && element.length < input.minLength)
        throw invalid(`at least ${input.minLength} characters`);
      if (input.maxLength !== undefined && element.length > input.maxLength)
        throw invalid(`at most ${input.maxLength} characters`);
    }
  }
}
