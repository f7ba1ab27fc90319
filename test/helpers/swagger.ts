import { readFileSync } from 'node:fs';
import { RESPONSE_SCHEMAS } from '../../scripts/spec/vendor-swagger.mjs';

/** A schema of the swagger's response definitions (swagger 2.0: no `$ref` left, no nullable). */
export interface SwaggerSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  items?: SwaggerSchema;
  enum?: unknown[];
}

/** One generated answer: what it varies (`full`, `minimal`, `without job.authorId`, …) and the body. */
export interface Sample {
  name: string;
  body: unknown;
}

const spec = JSON.parse(readFileSync(RESPONSE_SCHEMAS, 'utf8')) as {
  operations: Record<string, { responses: Record<string, { $ref: string }> }>;
  definitions: Record<string, SwaggerSchema>;
};

/** The swagger's response schema of `operation` (`GET /jobs/{jobId}`) for `status`. */
export function responseSchema(operation: string, status = '200'): SwaggerSchema {
  const ref = spec.operations[operation]?.responses[status]?.$ref;
  const schema = ref && spec.definitions[ref.replace('#/definitions/', '')];
  if (!schema) throw new Error(`The vendored swagger has no ${status} answer for ${operation}`);
  return schema;
}

type Path = (string | number)[];

/**
 * Spec-valid answers of `schema`: every field present (`full`), only the required ones
 * (`minimal`), then from `full`: each optional field left out, each enum value in turn, and
 * `null` in each optional field (an answer the swagger cannot describe, and the live API sends).
 */
export function samples(schema: SwaggerSchema): Sample[] {
  const full = fullValue(schema);
  const result: Sample[] = [
    { name: 'full', body: full },
    { name: 'minimal', body: minimalValue(schema) },
  ];
  for (const { path, schema: field, optional } of fields(schema)) {
    const at = path.join('.');
    if (optional) {
      result.push({ name: `without ${at}`, body: edited(full, path, undefined) });
      result.push({ name: `${at}: null`, body: edited(full, path, null) });
    }
    for (const value of field.enum ?? [])
      result.push({ name: `${at}: ${JSON.stringify(value)}`, body: edited(full, path, value) });
  }
  return result;
}

function fullValue(schema: SwaggerSchema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, field]) => [name, fullValue(field)]),
      );
    case 'array':
      return schema.items ? [fullValue(schema.items)] : [];
    case 'string':
      return 'string';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return {};
  }
}

function minimalValue(schema: SwaggerSchema): unknown {
  if (schema.type === 'array') return [];
  if (schema.type !== 'object') return fullValue(schema);
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([name]) => required.has(name))
      .map(([name, field]) => [name, minimalValue(field)]),
  );
}

/** Every field of `full`'s shape, depth first; array items at index 0. */
function* fields(
  schema: SwaggerSchema,
  path: Path = [],
): Generator<{ path: Path; schema: SwaggerSchema; optional: boolean }> {
  if (schema.type === 'array' && schema.items) yield* fields(schema.items, [...path, 0]);
  if (schema.type !== 'object') return;
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    yield { path: [...path, name], schema: field, optional: !required.has(name) };
    yield* fields(field, [...path, name]);
  }
}

/** A deep copy of `value` with the field at `path` set to `replacement` (left out when `undefined`). */
function edited(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as never, copy);
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** The swagger operation (`GET /models/{modelId}`) a request to `path` (below `/v1`) lands on; static segments win over parameters. */
export function operationOf(method: string, path: string): string | undefined {
  const segments = path.split('/');
  const matches = Object.keys(spec.operations).filter((key) => {
    const [verb, template = ''] = key.split(' ');
    const parts = template.split('/');
    return (
      verb === method &&
      parts.length === segments.length &&
      parts.every((part, index) => part.startsWith('{') || part === segments[index])
    );
  });
  const parameters = (key: string) => key.split('{').length;
  return matches.sort((a, b) => parameters(a) - parameters(b))[0];
}

/**
 * Where `value` departs from `schema`: a missing required field, a wrong type, a value outside an
 * enum. Fields the schema does not name are allowed (swagger 2.0 objects are open), and so is
 * `null` in an optional field, which the live API sends and swagger 2.0 cannot describe.
 */
export function swaggerIssues(schema: SwaggerSchema, value: unknown, path = ''): string[] {
  const at = path || '(root)';
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object`];
      const record = value as Record<string, unknown>;
      const required = new Set(schema.required ?? []);
      return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
        const child = path ? `${path}.${name}` : name;
        const given = record[name];
        if (given === undefined || given === null)
          return required.has(name) ? [`${child}: required, got ${given}`] : [];
        return swaggerIssues(field, given, child);
      });
    }
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      return schema.items
        ? value.flatMap((item, index) => swaggerIssues(schema.items as SwaggerSchema, item, `${path}[${index}]`))
        : [];
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at}: expected a ${schema.type}, got ${JSON.stringify(value)}`];
    default:
      return [];
  }
}
