/**
 * fast-check arbitraries for the property tests: invalid values derived from the SDK's own zod
 * schemas (bounds, integer-ness, enums, required keys, strictness), hostile ids and bad images.
 */
import fc from 'fast-check';
import { afterAll, test } from 'vitest';
import * as z from 'zod/mini';
import { sniffImageMimeType } from '../../src/core/mime-sniff.js';
import { InvalidRequestError, Scenario } from '../../src/index.js';
import { PNG } from '../helpers/images.js';

/** A real 1×1 PNG (the shared test image). */
export { PNG };

/** A client whose every request is counted and refused at once (no retries, no waiting). */
export function offlineClient() {
  const seen: string[] = [];
  const client = new Scenario({
    apiKey: 'api_property',
    apiSecret: 'property-secret',
    baseUrl: 'https://api.cloud.scenario.com/v1',
    maxRetries: 0,
    logLevel: 'off',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(`${request.method} ${request.url}`);
      throw new TypeError('fetch failed: network disabled in the property tests');
    },
  });
  return { client, seen };
}

/**
 * Runs `call` and returns what it threw or rejected with (a sync throw counts: `list()` validates
 * its query eagerly), or `undefined` when it resolved.
 */
export async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Fails the property unless `error` is an `InvalidRequestError` and no request was made. */
export function assertInvalid(error: unknown, seen: readonly string[], input: unknown): void {
  if (!(error instanceof InvalidRequestError)) {
    throw new Error(`expected InvalidRequestError for ${show(input)}, got ${describeError(error)}`);
  }
  if (seen.length > 0) throw new Error(`bad input ${show(input)} made requests: ${seen.join(', ')}`);
}

/**
 * Counts generated inputs by name; after the file's tests, prints `title: total` and one line per
 * name (names padded to `width`).
 */
export function inputTally(title: string, width = 44): (name: string) => void {
  const counts = new Map<string, number>();
  afterAll(() => {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const lines = [...counts].map(([name, n]) => `  ${name.padEnd(width)} ${n}`);
    console.log(`\n${title}: ${total}\n${lines.join('\n')}\n`);
  });
  return (name) => counts.set(name, (counts.get(name) ?? 0) + 1);
}

/**
 * `refusesAll(name, inputs, call, numRuns?)`: a test that `call(input)` refuses every generated
 * input with InvalidRequestError and sends nothing, counted in `seen` (an {@link offlineClient}'s).
 */
export function refusalTests(seen: string[], count: (name: string) => void, defaultRuns: number) {
  return <T>(name: string, inputs: fc.Arbitrary<T>, call: (input: T) => unknown, numRuns = defaultRuns) => {
    test(`${name} refuses bad input before any request`, async () => {
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          seen.length = 0;
          count(name);
          assertInvalid(await failureOf(() => call(input)), seen, input);
        }),
        { numRuns },
      );
    });
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : `resolved/${String(error)}`;
}

function show(value: unknown): string {
  try {
    return fc.stringify(value).slice(0, 200);
  } catch {
    return String(value);
  }
}

// ---- Wrong types.

const anyObject = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
  fc.constant(new Date(0)),
  fc.constant(new Map()),
);
const wrong = {
  number: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('1', '0', ''),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt(),
    anyObject,
    fc.array(fc.integer(), { maxLength: 2 }),
  ),
  string: fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    anyObject,
    fc.array(fc.string(), { maxLength: 2 }),
  ),
  boolean: fc.oneof(fc.constantFrom('true', 'false', 0, 1, null), fc.string({ maxLength: 5 }), fc.integer(), anyObject),
  array: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant({})),
  object: fc.oneof(
    fc.string({ maxLength: 5 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  ),
};

/** Anything that is not a params object. */
export const notAnObject = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

// ---- Bad images.

const nonImageBytes = fc
  .uint8Array({ minLength: 0, maxLength: 64 })
  .filter((bytes) => sniffImageMimeType(bytes.subarray(0, 64)) === undefined);
const nonImageText = fc.constantFrom(
  '%PDF-1.7\n%%EOF\n',
  '<html><body>hi</body></html>',
  '{"image": true}',
  'GIF87',
  'just text',
);

/** Image-like containers (read by the SDK, so refused wherever an image may be) holding non-image bytes. */
export const nonImageContainer: fc.Arbitrary<unknown> = fc.oneof(
  nonImageBytes,
  nonImageBytes.map((bytes) => bytes.slice().buffer),
  nonImageBytes.map((bytes) => new Blob([bytes.slice()])),
  nonImageBytes.map((bytes) => new Blob([bytes.slice()]).stream()),
);

/** Image inputs the SDK must refuse before any request: wrong types, non-image bytes, unusable strings. */
export const badImage: fc.Arbitrary<unknown> = fc.oneof(
  // wrong types
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant({ id: 'asset_abc', url: 'https://cdn.example.com/a.png' }), // an Asset object instead of its id
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant(Symbol('image')),
  fc.constant(() => PNG),
  // non-image bytes, in every byte container
  nonImageBytes,
  nonImageBytes.map((bytes) => bytes.slice().buffer),
  nonImageBytes.map((bytes) => Buffer.from(bytes)),
  nonImageBytes.map((bytes) => new Blob([bytes.slice()])),
  nonImageText.map((text) => new Blob([text], { type: 'image/png' })), // a lying type
  nonImageBytes.map((bytes) => new Blob([bytes.slice()]).stream()),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }).map((items) => iterable(items)), // a stream of numbers
  // unusable strings
  fc.constantFrom('', '   ', '\n\t', 'asset_', 'asset_ x', 'asset_a b', 'asset_\n'),
  fc.constantFrom(
    'ftp://example.com/a.png',
    'javascript:alert(1)',
    'blob:https://x/y',
    'mailto:a@b.c',
    's3://bucket/key.png',
  ),
  fc.constantFrom('.', '..', '/', 'src', 'package.json', 'README.md', '/etc/hostname', '/dev/null'),
  fc.string({ minLength: 1, maxLength: 12 }).map((name) => `./no-such-dir/${name}.png`),
  nonImageText.map((text) => `data:image/png;base64,${Buffer.from(text).toString('base64')}`),
  nonImageText.map((text) => `data:text/plain,${encodeURIComponent(text)}`),
  fc.constantFrom('data:image/png;base64,', 'data:image/png;base64,!!!!', 'data:', 'data:image/png', 'data:,'),
  fc.base64String({ minLength: 300, maxLength: 400 }), // raw base64 without the data: prefix
);

async function* iterable(items: unknown[]): AsyncGenerator<unknown> {
  for (const item of items) yield item;
}

// ---- Values outside a zod field's rules.

type Schema = z.core.$ZodType;

function unwrap(schema: Schema): Schema {
  let current = schema;
  while (current instanceof z.core.$ZodOptional || current instanceof z.core.$ZodDefault) {
    current = current._zod.def.innerType;
  }
  return current;
}

export const isOptional = (schema: Schema) => z.safeParse(schema, undefined).success;

/** Values that break `schema` (a field of a params object), derived from its bounds, kind and checks. */
export function invalidValue(schema: Schema, field = ''): fc.Arbitrary<unknown> {
  const inner = unwrap(schema);
  const options: fc.Arbitrary<unknown>[] = [];
  if (inner instanceof z.core.$ZodNumber) {
    options.push(wrong.number, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));
    const { min, max, isInt } = numberBounds(inner);
    if (min !== null && Number.isFinite(min)) {
      options.push(fc.double({ max: min, noNaN: true, noDefaultInfinity: true }).filter((x) => x < min));
      options.push(fc.constant(isInt ? min - 1 : min - Math.max(1e-9, Math.abs(min) * 1e-9)));
    }
    if (max !== null && Number.isFinite(max)) {
      options.push(fc.double({ min: max, noNaN: true, noDefaultInfinity: true }).filter((x) => x > max));
      options.push(fc.constant(isInt ? max + 1 : max + Math.max(1e-9, Math.abs(max) * 1e-9)));
    }
    if (isInt) {
      const lo = min !== null && Number.isFinite(min) ? min : -1e6;
      const hi = max !== null && Number.isFinite(max) ? max : 1e6;
      options.push(fc.double({ min: lo, max: hi, noNaN: true }).filter((x) => !Number.isInteger(x)));
    }
    const step = multipleOf(inner);
    if (step) {
      const lo = min ?? 0;
      const hi = max ?? 4096;
      options.push(fc.integer({ min: lo, max: hi }).filter((x) => x % step !== 0));
    }
  } else if (inner instanceof z.core.$ZodEnum) {
    const values: unknown[] = Object.values(inner._zod.def.entries);
    const allowed = new Set<unknown>(values);
    // Upper case only where it changes a value: '16:9' has no letters, and a filter on it would never pass.
    const upperCased = values.map((x) => String(x).toUpperCase()).filter((x) => !allowed.has(x));
    options.push(
      wrong.string,
      fc.string({ maxLength: 12 }).filter((x) => !allowed.has(x)),
      fc.constantFrom(...values.map((x) => ` ${String(x)}`)),
    );
    if (upperCased.length > 0) options.push(fc.constantFrom(...upperCased));
  } else if (inner instanceof z.core.$ZodString) {
    options.push(wrong.string);
    const minLength = checkValue(inner, 'min_length', 'minimum') ?? 0;
    if (minLength >= 1) options.push(fc.constant(''));
    // `prompt` of the generation bodies is trimmed before its length is checked.
    if (minLength >= 1 && field === 'prompt') options.push(fc.constantFrom(' ', '   ', '\n\t '));
  } else if (inner instanceof z.core.$ZodBoolean) {
    options.push(wrong.boolean);
  } else if (inner instanceof z.core.$ZodLiteral) {
    // A literal set (pixelGridSize: 16, 32, …): any other number or string, and the right ones as strings.
    const allowed: unknown[] = [...inner._zod.def.values];
    options.push(
      fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 6 })).filter((value) => !allowed.includes(value)),
      fc.constantFrom(...allowed.map(String)),
    );
  } else if (inner instanceof z.core.$ZodCodec) {
    // A codec takes its input side from the caller (a list, sent as one comma-separated value).
    options.push(invalidValue(inner._zod.def.in, field));
  } else if (inner instanceof z.core.$ZodPipe) {
    options.push(invalidValue(inner._zod.def.out, field));
  } else if (inner instanceof z.core.$ZodCustom) {
    // Custom schemas are image inputs or callbacks: a bad image may be a function, which a callback takes.
    const custom = inner;
    options.push(badImage.filter((value) => !z.safeParse(custom, value).success));
  } else if (inner instanceof z.core.$ZodUnion) {
    // A value bad for one option may suit another (styleScale: a number or a list of them).
    const union = inner;
    const branches = union._zod.def.options.map((option) => invalidValue(option, field));
    options.push(fc.oneof(...branches).filter((value) => !z.safeParse(union, value).success));
  } else if (inner instanceof z.core.$ZodArray) {
    options.push(wrong.array, fc.array(invalidValue(inner._zod.def.element), { minLength: 1, maxLength: 3 }));
    const max = checkValue(inner, 'max_length', 'maximum');
    if (max !== undefined) options.push(fc.constant(Array.from({ length: max + 1 }, () => PNG)));
  } else if (inner instanceof z.core.$ZodObject) {
    const shape = inner._zod.def.shape;
    options.push(wrong.object);
    for (const [key, value] of Object.entries(shape)) {
      options.push(invalidValue(value, key).map((bad) => ({ ...validExample(shape), [key]: bad })));
    }
  } else {
    throw new Error(`no invalid values for ${field} (${inner._zod.def.type})`);
  }
  return fc.oneof(...options);
}

/** A minimal valid object for a small strict shape (the concept `{ modelId, scale }`). */
function validExample(shape: Record<string, Schema>): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(shape)) {
    if (isOptional(value)) continue;
    const inner = unwrap(value);
    example[key] = inner instanceof z.core.$ZodNumber ? 0 : inner instanceof z.core.$ZodString ? 'x' : undefined;
  }
  return example;
}

function checksOf(schema: Schema): { _zod: { def: Record<string, unknown> } }[] {
  return ((schema as unknown as { _zod: { def: { checks?: unknown[] } } })._zod.def.checks ?? []) as never;
}

/** The `key` of the schema's first check of kind `check` (`max_length` → `maximum`). */
function checkValue(schema: Schema, check: string, key: string): number | undefined {
  const found = checksOf(schema).find((c) => c._zod.def.check === check);
  return found ? Number(found._zod.def[key]) : undefined;
}

function multipleOf(schema: Schema): number | undefined {
  return checkValue(schema, 'multiple_of', 'value');
}

/** Bounds of a number schema from its checks: the tightest min and max, and whether it takes integers only. */
function numberBounds(schema: Schema): { min: number | null; max: number | null; isInt: boolean } {
  let min: number | null = null;
  let max: number | null = null;
  let isInt = false;
  for (const { _zod } of checksOf(schema)) {
    const { check, value, format } = _zod.def;
    if (check === 'greater_than') min = Math.max(min ?? Number.NEGATIVE_INFINITY, Number(value));
    if (check === 'less_than') max = Math.min(max ?? Number.POSITIVE_INFINITY, Number(value));
    if (check === 'multiple_of' && Number.isSafeInteger(value)) isInt = true;
    if (check === 'number_format' && String(format).includes('int')) {
      isInt = true;
      min = Math.max(min ?? Number.NEGATIVE_INFINITY, Number.MIN_SAFE_INTEGER);
      max = Math.min(max ?? Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER);
    }
  }
  return { min, max, isInt };
}

/**
 * Params that break a params schema in one way each: one field made invalid (every field of the
 * schema), an unknown key, a required key missing, not an object at all, or one of `extra`
 * (cross-field rules the field bounds do not show).
 */
export function invalidParams(
  schema: z.core.$ZodObject,
  base: Record<string, unknown>,
  extra: fc.Arbitrary<unknown>[] = [],
): fc.Arbitrary<unknown> {
  const shape = schema._zod.def.shape;
  const fields = Object.entries(shape).map(([key, field]) =>
    invalidValue(field, key).map((bad) => ({ ...base, [key]: bad })),
  );
  const unknownKey = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom('dryRun', 'constructor', 'toString', '__proto__', 'Prompt', 'model_id'),
    )
    .filter((key) => !(key in shape))
    .map((key) => Object.defineProperty({ ...base }, key, { value: 1, enumerable: true }));
  const required = Object.keys(shape).filter((key) => !isOptional(shape[key] as Schema));
  const missing = required.map((key) =>
    fc.constant(Object.fromEntries(Object.entries(base).filter(([name]) => name !== key))),
  );
  return fc.oneof(...fields, unknownKey, ...missing, notAnObject, ...extra);
}

// ---- Hostile ids.

/** Ids that try to change the route or are not ids at all. */
export const hostileId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', '\t', '.', '..', '/', '//', '?', '#', '%', '%2e%2e', '%2F', '..%2F', '.%2e', '%2e.'),
  fc.constantFrom(
    '../assets',
    '../../models',
    'job_1/action',
    'job_1?projectId=other',
    'job_1#frag',
    '..\\..\\x',
    'job_1/../..',
  ),
  fc
    .array(
      fc.constantFrom('/', '..', '.', '?', '#', '%', '&', '=', '\\', ' ', 'job_', 'a', 'é', '%2F', '\u0000', '\n'),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((parts) => parts.join('')),
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant({}),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }),
  ),
);
