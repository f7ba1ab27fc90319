import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { parseInput } from '../../src/core/validate.js';
import { Scenario } from '../../src/index.js';
import { AssetUploadBodySchema } from '../../src/schemas.js';

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
