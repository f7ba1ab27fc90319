import { describe, expect, it } from 'vitest';
import { safeParse } from '../../src/core/validate.js';
import type { Model } from '../../src/index.js';
import { ModelSchema, modelInputsSchema } from '../../src/schemas.js';

/** The issues, as the SDK words them (`InvalidRequestError` lists these). */
const issuesOf = (model: Model, inputs: unknown) =>
  safeParse(modelInputsSchema(model), inputs).error?.issues.map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  ) ?? [];

/** A model read from the wire, as the SDK reads it. */
const model = (inputs: unknown[]) => ModelSchema.parse({ id: 'model_m', inputs });

describe('modelInputsSchema: requirements', () => {
  const frames = model([
    { name: 'first', type: 'file', required: { ifDefined: { last: { message: 'A first frame is needed.' } } } },
    { name: 'last', type: 'file' },
    { name: 'styled', type: 'string', required: { ifDefined: { style: {} } } },
    { name: 'style', type: 'string', default: 'none' },
  ]);

  it('ifDefined applies when the named input is given, with the model’s message or one naming it', () => {
    expect(issuesOf(frames, { last: 'asset_l', styled: 'x' })).toEqual(['first: A first frame is needed.']);
    // `style` has a default: the server always fills it in, so `styled` is always required.
    expect(issuesOf(frames, {})).toEqual(['styled: required when style is given']);
    expect(issuesOf(frames, { first: 'asset_f', last: 'asset_l', styled: 'x' })).toEqual([]);
  });

  it('ifNotDefined applies when the named input is missing; an input with a default is never missing', () => {
    const either = model([
      { name: 'a', type: 'string', required: { ifNotDefined: { b: { message: 'a or b' } } } },
      { name: 'b', type: 'string', required: { ifNotDefined: { a: { message: 'a or b' } } } },
      { name: 'c', type: 'string', required: { always: true }, default: 'x' },
      { name: 'd', type: 'string', required: { ifNotDefined: { c: {} } } },
    ]);
    expect(issuesOf(either, {})).toEqual(['a: a or b', 'b: a or b']);
    expect(issuesOf(either, { b: 'y' })).toEqual([]);
  });

  it('rules naming an undeclared input, or the input itself, are ignored; when and conditionalValues are the server’s', () => {
    const loose = model([
      { name: 'a', type: 'string', required: { ifDefined: { ghost: {} }, ifNotDefined: { elsewhere: {}, a: {} } } },
      {
        name: 'b',
        type: 'number',
        required: { when: { inferenceType: ['img2img'] }, conditionalValues: { a: ['x'] } },
      },
    ]);
    expect(issuesOf(loose, {})).toEqual([]);
  });

  it('a rule written as a bare message is read as { message }', () => {
    const read = model([
      { name: 'a', type: 'string', required: { ifNotDefined: { b: 'a or b, please' } } },
      { name: 'b', type: 'string' },
    ]);
    expect(read.inputs?.[0]?.required?.ifNotDefined).toEqual({ b: { message: 'a or b, please' } });
    expect(issuesOf(read, {})).toEqual(['a: a or b, please']);
  });

  it('with inputs that are not an object, says so, without running the rules', () => {
    expect(issuesOf(frames, 'not inputs')).toEqual([expect.stringMatching(/^: .*object/)]);
  });
});

describe('modelInputsSchema: values', () => {
  const arrays = model([
    { name: 'maps', type: 'string_array', maxLength: 2, allowedValues: ['normal', 'height'] },
    { name: 'refs', type: 'file_array', minLength: 1, maxLength: 2 },
    { name: 'scales', type: 'number_array', min: 0, max: 2, maxLength: 3 },
    { name: 'lora', type: 'model' },
    { name: 'future', type: 'video_sequence' },
  ]);

  it('minLength/maxLength count the items of array inputs; allowedValues and min/max apply to each item', () => {
    expect(issuesOf(arrays, { maps: ['normal', 'height'], refs: ['asset_a'], scales: [0, 2, 1] })).toEqual([]);
    expect(issuesOf(arrays, { maps: ['normal', 'height', 'normal'] })).toEqual([
      'maps: Too big: expected array to have <=2 items',
    ]);
    expect(issuesOf(arrays, { maps: ['albedo'], refs: [], scales: [3] })).toEqual([
      'maps.0: expected one of "normal", "height"',
      'refs: Too small: expected array to have >=1 items',
      'scales.0: Too big: expected number to be <=2',
    ]);
  });

  it('a model input takes "" (none); an input type the SDK does not know takes any value', () => {
    expect(issuesOf(arrays, { lora: '', future: { frames: 3 } })).toEqual([]);
  });
});
