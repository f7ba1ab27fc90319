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

  const values: Record<string, unknown> = {};
  const images: Record<string, ResolvedImage[]> = {};
  for (const input of inputs) {
    const value = given[input.name] ?? input.default;
    if (value === undefined) {
      if (input.required?.always) throw badRequest(`Input ${input.name} is required`);
      continue;
    }
    checkValue(input, value);
    values[input.name] = value;
    if (input.type === 'file' || input.type === 'file_array') {
      const refs = (Array.isArray(value) ? value : [value]) as string[];
      images[input.name] = await Promise.all(refs.map((ref) => resolver.resolve(ref, input.name)));
      values[input.name] = Array.isArray(value)
        ? images[input.name]?.map((image) => image.assetId)
        : images[input.name]?.[0]?.assetId;
    }
  }
  return { values, images, unknown };
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
  if (isArray && input.maxSize !== undefined && elements.length > input.maxSize) {
    throw invalid(`at most ${input.maxSize} items, got ${elements.length}`);
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
    if (typeof element === 'string' && input.type !== 'file') {
      if (input.minLength !== undefined && element.length < input.minLength)
        throw invalid(`at least ${input.minLength} characters`);
      if (input.maxLength !== undefined && element.length > input.maxLength)
        throw invalid(`at most ${input.maxLength} characters`);
    }
  }
}
