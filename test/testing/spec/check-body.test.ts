import { describe, expect, test } from 'vitest';
import { EmulatorHttpError } from '../../../src/testing/errors.js';
import { checkBody } from '../../../src/testing/spec/check-body.js';
import type { OperationContract } from '../../../src/testing/spec/contract.js';

const contract: OperationContract = {
  method: 'POST',
  path: '/things',
  query: {},
  body: {
    name: { type: 'string' },
    size: { type: 'number', min: 64, max: 2048, multipleOf: 8 },
    seed: { type: 'string', numeric: true },
    mode: { type: 'string', enum: ['fast', 'slow'] },
    hide: { type: 'boolean' },
    scales: { type: 'array', items: { type: 'number', min: 0, max: 1 } },
    options: {
      type: 'object',
      properties: { template: { type: 'string' }, flat: { type: 'boolean' } },
      required: ['template'],
    },
  },
  required: ['name'],
};

function reason(body: unknown): string {
  try {
    checkBody(contract, body);
  } catch (error) {
    if (error instanceof EmulatorHttpError) return `${error.status} ${error.reason}`;
    throw error;
  }
  throw new Error('accepted');
}

describe('checkBody', () => {
  test('keeps the listed fields, names the unlisted ones (nested ones as dotted paths) and drops nulls', () => {
    const checked = checkBody(contract, {
      name: 'n',
      seed: 42,
      hide: null,
      type: 'img2img',
      dryRun: true,
      options: { template: '<num>', extra: 1 },
    });
    expect(checked).toEqual({
      values: { name: 'n', seed: 42, options: { template: '<num>' } },
      unknown: ['type', 'dryRun', 'options.extra'],
    });
  });

  test('only an empty string counts as a missing required field (whitespace is a value)', () => {
    expect(checkBody(contract, { name: ' ' }).values.name).toBe(' ');
    expect(reason({ name: '' })).toBe('400 Input name is required');
  });

  test('takes a string seed, as the swagger types it, or a number', () => {
    expect(checkBody(contract, { name: 'n', seed: '42' }).values.seed).toBe('42');
    expect(reason({ name: 'n', seed: '4.2' })).toBe(
      '400 Invalid seed: expected a number or a string of digits, got "4.2"',
    );
  });

  test.each([
    [{}, 'Input name is required'],
    [{ name: 1 }, 'Invalid name: expected a string, got 1'],
    [{ name: 'n', size: 1020 }, 'Invalid size: 1020 is not a multiple of 8'],
    [{ name: 'n', size: 4096 }, 'Invalid size: 4096 is outside 64–2048'],
    [{ name: 'n', size: Number.NaN }, 'Invalid size: expected a number, got NaN'],
    [{ name: 'n', mode: 'warp' }, 'Invalid mode: "warp" is not one of fast, slow'],
    [{ name: 'n', hide: 'yes' }, 'Invalid hide: expected true or false, got "yes"'],
    [{ name: 'n', scales: [0.5, 2] }, 'Invalid scales.1: 2 is outside 0–1'],
    [{ name: 'n', scales: 0.5 }, 'Invalid scales: expected an array, got 0.5'],
    [{ name: 'n', options: {} }, 'Input options.template is required'],
    [{ name: 'n', options: [] }, 'Invalid options: expected an object, got an array'],
  ])('refuses %j: %s', (body, message) => {
    expect(reason(body)).toBe(`400 ${message}`);
  });

  test('reports every problem at once; a body that is not an object is refused', () => {
    expect(reason({ size: 3, mode: 'x' })).toBe(
      '400 Invalid size: 3 is outside 64–2048; Invalid mode: "x" is not one of fast, slow; Input name is required',
    );
    expect(reason([1])).toBe('400 Request body must be a JSON object');
  });
});
