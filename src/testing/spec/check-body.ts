import { badRequest } from '../errors.js';
import type { FieldContract, OperationContract } from './contract.js';

/** A body that passed its contract: the listed fields, and the paths of the fields the contract does not list. */
export interface CheckedBody {
  values: Record<string, unknown>;
  /** Unlisted fields, nested ones as dotted paths (`assetOptions.foo`, `concepts.0.bar`). */
  unknown: string[];
}

/**
 * Checks a JSON body against an operation's swagger contract: required fields, types, enums,
 * ranges, multiples, nested objects and arrays. `null` counts as absent, as optional fields do on
 * the real API. Fields the contract does not list are left out of `values` and named in
 * `unknown`: the real API ignores them, so whether they are an error is the caller's choice.
 * Every problem is reported at once, in one 400.
 */
export function checkBody(contract: OperationContract, body: unknown): CheckedBody {
  if (!isObject(body)) throw badRequest('Request body must be a JSON object');
  const problems: string[] = [];
  const unknown: string[] = [];
  const values = checkObject(contract.body, contract.required, body, '', problems, unknown);
  if (problems.length > 0) throw badRequest(problems.join('; '));
  return { values, unknown };
}

function checkObject(
  fields: Readonly<Record<string, FieldContract>>,
  required: readonly string[],
  given: Record<string, unknown>,
  prefix: string,
  problems: string[],
  unknown: string[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const field = fields[name];
    if (!field) {
      unknown.push(`${prefix}${name}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const checked = checkValue(field, value, `${prefix}${name}`, problems, unknown);
    if (checked !== undefined) values[name] = checked;
  }
  for (const name of required) {
    const value = given[name];
    if (value === undefined || value === null || value === '') {
      problems.push(`Input ${prefix}${name} is required`);
    }
  }
  return values;
}

/** The value if it fits `field` (objects with their unknown fields left out); `undefined` after recording a problem. */
function checkValue(
  field: FieldContract,
  value: unknown,
  path: string,
  problems: string[],
  unknown: string[],
): unknown {
  const problem = (why: string) => void problems.push(`Invalid ${path}: ${why}`);
  switch (field.type) {
    case 'array': {
      if (!Array.isArray(value)) return problem(`expected an array, got ${describe(value)}`);
      const items = field.items;
      if (!items) return value;
      const checked = value.map((item, index) => checkValue(items, item, `${path}.${index}`, problems, unknown));
      return checked.includes(undefined) ? undefined : checked;
    }
    case 'object':
      if (!isObject(value)) return problem(`expected an object, got ${describe(value)}`);
      return checkObject(field.properties ?? {}, field.required ?? [], value, `${path}.`, problems, unknown);
    case 'boolean':
      return typeof value === 'boolean' ? value : problem(`expected true or false, got ${describe(value)}`);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return problem(`expected a number, got ${describe(value)}`);
      return checkNumber(field, value, problem);
    default:
      if (field.numeric) {
        const digits = typeof value === 'string' && /^\d+$/.test(value);
        const integer = typeof value === 'number' && Number.isInteger(value) && value >= 0;
        return digits || integer ? value : problem(`expected a number or a string of digits, got ${describe(value)}`);
      }
      if (typeof value !== 'string') return problem(`expected a string, got ${describe(value)}`);
      if (field.enum && !field.enum.includes(value)) {
        return problem(`${JSON.stringify(value)} is not one of ${field.enum.join(', ')}`);
      }
      return value;
  }
}

function checkNumber(field: FieldContract, value: number, problem: (why: string) => undefined): number | undefined {
  const { min, max, multipleOf } = field;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return problem(`${value} is outside ${min ?? '-∞'}–${max ?? '∞'}`);
  }
  if (multipleOf !== undefined && value % multipleOf !== 0)
    return problem(`${value} is not a multiple of ${multipleOf}`);
  return value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : typeof value === 'object'
      ? 'an object'
      : String(value);
}
