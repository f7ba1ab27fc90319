import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { extraField } from '../../src/schemas/extra-field.js';

const Answer = z.object({ id: z.string(), extra: extraField(z.object({ n: z.number() })) });

describe('extraField: an extra of a billed answer', () => {
  it('is read with its schema when it can be', () => {
    expect(z.parse(Answer, { id: 'a', extra: { n: 1 } })).toEqual({ id: 'a', extra: { n: 1 } });
  });

  it('reads as absent when missing, null or unreadable, and the answer still parses', () => {
    for (const extra of [undefined, null, 'n/a', { n: 'one' }, [1]]) {
      expect(z.parse(Answer, { id: 'a', extra })).toEqual({ id: 'a', extra: undefined });
    }
    expect(z.parse(Answer, { id: 'a' })).toEqual({ id: 'a' });
  });

  it('is typed as the schema’s output or undefined', () => {
    expectTypeOf<z.output<typeof Answer>['extra']>().toEqualTypeOf<{ n: number } | undefined>();
  });
});
