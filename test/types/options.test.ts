import { describe, expectTypeOf, test } from 'vitest';
import type * as z from 'zod/mini';
import type { ClientOptionsSchema, RequestOptionsSchema, RunOptionsSchema } from '../../src/core/options.js';
import type { ClientOptions, RequestOptions, RunOptions } from '../../src/index.js';

// The option interfaces carry the docs editors show; the schemas check values at run time. Each
// pair is written twice, so these fail to compile (`tsc --noEmit`) the day the two drift apart.
describe('option interfaces and their schemas name the same fields with the same types', () => {
  test('ClientOptions', () => {
    expectTypeOf<z.input<typeof ClientOptionsSchema>>().toEqualTypeOf<ClientOptions>();
  });

  test('RequestOptions', () => {
    expectTypeOf<z.input<typeof RequestOptionsSchema>>().toEqualTypeOf<RequestOptions>();
  });

  test('RunOptions', () => {
    expectTypeOf<z.input<typeof RunOptionsSchema>>().toEqualTypeOf<RunOptions>();
  });
});
