import { HttpResponse } from 'msw';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { InvalidRequestError, ResponseValidationError } from '../../src/core/errors.js';
import { checkRequestOptions } from '../../src/core/options.js';
import { parseInput } from '../../src/core/validate.js';
import { type Asset, AssetSchema } from '../../src/schemas/asset.js';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();

// Resource schemas are loose objects (design.md §2: responses keep unknown fields).
const JobEnvelope = z.looseObject({
  job: z.looseObject({
    jobId: z.string(),
    status: z.string(),
    metadata: z.looseObject({ assetIds: z.array(z.string()) }),
  }),
});

function getJob(body: () => Response) {
  const { handler, requests } = recordApi(body);
  server.use(handler);
  const result = transportOf(testClient()).request({
    method: 'GET',
    path: '/jobs/job_1',
    schema: JobEnvelope,
    options: checkRequestOptions({ maxRetries: 0 }),
  });
  return { result, requests };
}

describe('response validation', () => {
  test('a mismatch raises ResponseValidationError naming the failing path', async () => {
    const body = { job: { jobId: 'job_1', status: 7, metadata: { assetIds: ['asset_a', 3] } } };
    const error = await rejectionOf(getJob(() => HttpResponse.json(body)).result);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/^Unexpected response from GET \/jobs\/job_1: /);
    expect(error.message).toContain('job.status: ');
    expect(error.message).toContain('job.metadata.assetIds[1]: ');
    expect((error as ResponseValidationError).issues.map((issue) => issue.path)).toEqual([
      'job.status',
      'job.metadata.assetIds[1]',
    ]);
    expect((error as ResponseValidationError).body).toEqual(body);
  });

  test('unknown fields are kept in the parsed output', async () => {
    const body = {
      job: { jobId: 'job_1', status: 'in-progress', progress: 0.4, metadata: { assetIds: [], newField: { a: 1 } } },
      nextThing: true,
    };
    expect(await getJob(() => HttpResponse.json(body)).result).toEqual(body);
  });

  test('a non-JSON 2xx body raises ResponseValidationError quoting its start', async () => {
    const error = await rejectionOf(getJob(() => new HttpResponse('<html>maintenance</html>', { status: 200 })).result);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('(root): body is not JSON: "<html>maintenance</html>"');
  });

  test('a non-JSON body on a read is read again, as a garbled transfer would be', async () => {
    const { handler, requests } = recordApi((_request, attempt) =>
      attempt === 1
        ? new HttpResponse('{"job": {"jobId"')
        : HttpResponse.json({ job: { jobId: 'j', status: 's', metadata: { assetIds: [] } } }),
    );
    server.use(handler);
    await transportOf(testClient()).request({ method: 'GET', path: '/jobs/j', schema: JobEnvelope });
    expect(requests).toHaveLength(2);
  });
});

describe('parseInput', () => {
  test('raises InvalidRequestError listing every issue with its path', () => {
    const schema = z.object({ prompt: z.string(), strength: z.number().max(1) });
    expect(() => parseInput(schema, { strength: 2 }, 'img2img params')).toThrow(InvalidRequestError);
    expect(() => parseInput(schema, { strength: 2 }, 'img2img params')).toThrow(
      /^Invalid img2img params: prompt: .*; strength: /,
    );
  });
});

describe('the SDK schemas (zod/mini) with zod classic', () => {
  const asset = { id: 'asset_a', url: 'https://cdn.example.com/a.png', mimeType: 'image/png', kind: 'image' };

  test('compose into classic schemas, by shape or as a field', () => {
    const Noted = z.object({ ...AssetSchema.shape, note: z.string() });
    const parsed = Noted.parse({ ...asset, note: 'hi' });
    expect(parsed).toMatchObject({ note: 'hi', tags: [], metadata: {} });
    expectTypeOf(parsed.note).toEqualTypeOf<string>();
    expectTypeOf(parsed.metadata).toEqualTypeOf<Asset['metadata']>();
    const Envelope = z.object({ asset: AssetSchema, at: z.iso.datetime() });
    expect(Envelope.safeParse({ asset: { ...asset, kind: 3 }, at: 'now' }).error?.issues.map((i) => i.path)).toEqual([
      ['asset', 'kind'],
      ['at'],
    ]);
  });

  test('keep parse and safeParse', () => {
    expect(AssetSchema.parse(asset).tags).toEqual([]);
    expect(AssetSchema.safeParse({}).success).toBe(false);
  });
});
