/**
 * The list queries (`client.assets.list`, `client.jobs.list`, `client.models.list`) agree with
 * Scenario's swagger, as the emulator's generated request contracts record it: every query
 * parameter the contract lists is a field of the SDK's query schema, every value the contract
 * allows (each enum value, both ends of a range) is accepted and sent as a value the contract
 * allows, values outside it are refused before any request, and the schema has no field the
 * contract lacks. The project is not a query field: the transport sends `projectId` from the
 * client's or the call's options, on every request.
 */
import { describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { InvalidRequestError, type RequestOptions, Scenario } from '../../src/index.js';
import { AssetListQuerySchema, JobListQuerySchema, ModelListQuerySchema } from '../../src/schemas.js';
import type { FieldContract } from '../../src/testing/spec/contract.js';
import { REQUEST_CONTRACTS } from '../../src/testing/spec/request-contracts.js';

type Query = Record<string, unknown>;
type Schema = z.core.$ZodType & {
  _zod: { def: { type: string; innerType?: Schema; in?: Schema; element?: Schema; entries?: object } };
};

/** A client whose `fetch` records the query of each request and answers an empty page. */
function recordingClient(page: object) {
  const sent: URLSearchParams[] = [];
  const client = new Scenario({
    apiKey: 'key',
    apiSecret: 'secret',
    fetch: async (input: RequestInfo | URL) => {
      sent.push(new URL(input instanceof Request ? input.url : input).searchParams);
      return Response.json(page);
    },
  });
  return { client, sent };
}

const LISTS = [
  {
    operation: 'GET /assets',
    schema: AssetListQuerySchema,
    list: (client: Scenario, query: Query, options?: RequestOptions) => client.assets.list(query as never, options),
    page: { assets: [] },
  },
  {
    operation: 'GET /jobs',
    schema: JobListQuerySchema,
    list: (client: Scenario, query: Query, options?: RequestOptions) => client.jobs.list(query as never, options),
    page: { jobs: [] },
  },
  {
    operation: 'GET /models',
    schema: ModelListQuerySchema,
    list: (client: Scenario, query: Query, options?: RequestOptions) => client.models.list(query as never, options),
    page: { models: [] },
  },
] as const;

const shapeOf = (schema: z.core.$ZodType) =>
  (schema as unknown as { _zod: { def: { shape: Record<string, Schema> } } })._zod.def.shape;

/** The field under `optional`; a codec's input side. */
function inputOf(field: Schema): Schema {
  const { innerType, type, in: input } = field._zod.def;
  if (innerType) return inputOf(innerType);
  return type === 'pipe' && input ? inputOf(input) : field;
}

/**
 * Values a caller may pass for a field, for every value the contract allows: each of its enum
 * values, both ends of its range, both booleans, and a sample for a free string (a date, which
 * the date fields need, is a string for the others too).
 */
function allowedInputs(field: Schema, contract: FieldContract): unknown[] {
  const input = inputOf(field);
  const kind = input._zod.def.type;
  if (kind === 'array') {
    const element = inputOf(input._zod.def.element as Schema);
    return allowedInputs(element, contract.items ?? { type: 'string' }).map((item) => [item, item]);
  }
  if (contract.enum) return [...contract.enum];
  if (kind === 'number') return [contract.min, contract.max];
  if (kind === 'boolean') return [true, false];
  if (kind === 'enum') return Object.values(input._zod.def.entries ?? {});
  return ['2025-01-31T12:00:00.000Z'];
}

/** Why the values sent for one parameter are not what the contract allows, if they are not. */
function contractProblem(values: string[], contract: FieldContract): string | undefined {
  const field = contract.type === 'array' ? (contract.items as FieldContract) : contract;
  if (contract.type !== 'array' && values.length !== 1) return `sent ${values.length} values`;
  for (const value of values) {
    if (field.enum && !field.enum.includes(value)) return `${value} is not in the enum`;
    const number = Number(value);
    if (field.min !== undefined && !(Number.isInteger(number) && number >= field.min)) return `${value} < ${field.min}`;
    if (field.max !== undefined && !(number <= (field.max as number))) return `${value} > ${field.max}`;
  }
  return undefined;
}

async function refusedBeforeSending(list: (typeof LISTS)[number], query: Query): Promise<boolean> {
  const { client, sent } = recordingClient(list.page);
  const error = await list.list(client, query).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  return error instanceof InvalidRequestError && sent.length === 0;
}

describe.each(LISTS)('$operation query', (list) => {
  const contract = REQUEST_CONTRACTS[list.operation];
  const parameters = Object.entries(contract?.query ?? {});
  const shape = shapeOf(list.schema);

  test('has exactly the parameters the contract lists', () => {
    expect(parameters.length).toBeGreaterThan(5);
    expect(Object.keys(shape).sort()).toEqual(parameters.map(([name]) => name).sort());
  });

  test.each(parameters)(
    'accepts every value the contract allows for %s, and sends it as the contract says',
    async (name, field) => {
      const inputs = allowedInputs(shape[name] as Schema, field);
      expect(inputs.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const input of inputs) {
        const { client, sent } = recordingClient(list.page);
        await list.list(client, { [name]: input });
        const problem = contractProblem(sent[0]?.getAll(name) ?? [], field);
        if (problem) problems.push(`${JSON.stringify(input)}: ${problem}`);
      }
      expect(problems).toEqual([]);
    },
  );

  test.each(parameters.filter(([, field]) => field.min !== undefined || field.enum || field.items?.enum))(
    'refuses a value of %s outside the contract before any request',
    async (name, field) => {
      const outside =
        field.min !== undefined
          ? [field.min - 1, (field.max as number) + 1]
          : field.type === 'array'
            ? [['not-a-listed-value']]
            : ['not-a-listed-value'];
      for (const value of outside) expect(await refusedBeforeSending(list, { [name]: value })).toBe(true);
    },
  );

  test('refuses a parameter the contract lacks; the project comes from the options', async () => {
    expect(await refusedBeforeSending(list, { projectId: 'proj_1' })).toBe(true);
    expect(await refusedBeforeSending(list, { notAParameter: 'x' })).toBe(true);
    const { client, sent } = recordingClient(list.page);
    await list.list(client, {}, { projectId: 'proj_1' });
    expect(sent[0]?.get('projectId')).toBe('proj_1');
  });
});

describe('what the SDK reads its own way', () => {
  test('lists the API reads comma-separated (assets tags, jobs types) are arrays, sent as one value', async () => {
    const assets = recordingClient({ assets: [] });
    await assets.client.assets.list({ tags: ['knight', 'pixel art'] });
    expect(assets.sent[0]?.getAll('tags')).toEqual(['knight,pixel art']);
    const jobs = recordingClient({ jobs: [] });
    await jobs.client.jobs.list({ types: ['upscale', 'detection'] });
    expect(jobs.sent[0]?.getAll('types')).toEqual(['upscale,detection']);
    const [assetList] = LISTS;
    expect(await refusedBeforeSending(assetList, { tags: ['a,b'] })).toBe(true);
    expect(await refusedBeforeSending(assetList, { tags: [] })).toBe(true);
  });

  test('asset types: the `inference-` prefix is accepted; type and types together are refused', async () => {
    const { client, sent } = recordingClient({ assets: [] });
    await client.assets.list({ type: 'inference-' });
    expect(sent[0]?.get('type')).toBe('inference-');
    const [assetList] = LISTS;
    expect(await refusedBeforeSending(assetList, { type: 'uploaded', types: ['upscale'] })).toBe(true);
  });

  test('a date that is not one is refused', async () => {
    const [assetList] = LISTS;
    expect(await refusedBeforeSending(assetList, { createdAfter: 'yesterday', sortBy: 'createdAt' })).toBe(true);
  });
});
