import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { parseInput } from '../../src/core/validate.js';
import { InvalidRequestError, Scenario } from '../../src/index.js';
import { AssetUploadBodySchema, Img2ImgParamsSchema, parseInput as publicParseInput } from '../../src/schemas.js';

// Apart from validate.test.ts on purpose: nothing here may load classic `zod`, which sets English
// messages for every zod schema when it loads and would hide a parse made without them.
describe('zod messages (zod/mini, no locale loaded)', () => {
  test('the SDK gives English messages, as classic zod did', () => {
    const schema = z.strictObject({ n: z.number().check(z.maximum(5)), s: z.string() });
    expect(() => parseInput(schema, { n: 6, m: 1 }, 'things')).toThrow(
      'Invalid things: n: Too big: expected number to be <=5; s: Invalid input: expected string, received undefined; Unrecognized key: "m"',
    );
  });

  test('messages a schema sets itself still win', () => {
    expect(() => parseInput(z.string().check(z.minLength(1, 'must not be empty')), '', 'name')).toThrow(
      'Invalid name: must not be empty',
    );
  });

  test("the caller's own zod config is left alone", () => {
    new Scenario({ apiKey: 'k', apiSecret: 's' });
    expect(z.config().localeError).toBeUndefined();
    expect(AssetUploadBodySchema.safeParse({}).error?.issues[0]?.message).toBe('Invalid input');
  });
});

describe('parseInput on scenario-sdk/schemas', () => {
  test('checks a value as the SDK checks the call: every problem, in English, as the InvalidRequestError of the root entry', async () => {
    const form = { modelId: 'flux.1-dev', image: 'asset_abc', influence: 150, numSamples: 0 };
    const error = (() => {
      try {
        publicParseInput(Img2ImgParamsSchema, form, 'img2img params');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
      'prompt',
      'numSamples',
      'influence',
    ]);
    expect((error as InvalidRequestError).issues.every((issue) => issue.message !== 'Invalid input')).toBe(true);
    const client = new Scenario({ apiKey: 'k', apiSecret: 's', fetch: () => Promise.reject(new Error('no request')) });
    await expect(client.img2img.estimate(form as never)).rejects.toThrow((error as Error).message);
  });

  test('returns the parsed value', () => {
    expect(publicParseInput(Img2ImgParamsSchema, { modelId: 'm', image: 'asset_a', prompt: 'p' }, 'params')).toEqual({
      modelId: 'm',
      image: 'asset_a',
      prompt: 'p',
    });
  });
});
