import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { addFlags, flagsOf, paramsFromOptions, paramsFromRow } from '../../src/cli/flags.js';
import { ImageInputSchema, Img2ImgParamsSchema, UpscaleParamsSchema } from '../../src/schemas.js';

const img2img = flagsOf(Img2ImgParamsSchema, ['image']);
const upscale = flagsOf(UpscaleParamsSchema, ['image']);
const byName = (flags: typeof img2img, name: string) => flags.find((flag) => flag.name === name);

function parse(flags: typeof img2img, argv: string[]) {
  const command = addFlags(new Command('test').exitOverride(), flags);
  command.parse(argv, { from: 'user' });
  return paramsFromOptions(flags, command.opts());
}

describe('flags from a params schema', () => {
  it('are named after the params, typed by the schema, and skip what is omitted', () => {
    expect(byName(img2img, 'model')).toMatchObject({ param: 'modelId', kind: 'string' });
    expect(byName(img2img, 'num-samples')).toMatchObject({ param: 'numSamples', kind: 'number', short: 'n' });
    expect(byName(img2img, 'influence')).toMatchObject({ kind: 'number' });
    expect(byName(img2img, 'hide-results')).toMatchObject({ kind: 'boolean' });
    expect(byName(img2img, 'concepts')).toMatchObject({ kind: 'json' });
    expect(byName(img2img, 'scheduler')?.description).toContain('one of DDIMScheduler');
    expect(byName(upscale, 'style-image')).toMatchObject({ param: 'styleImages', kind: 'list', item: 'image' });
    expect(img2img.map((flag) => flag.param)).not.toContain('image');
  });

  it('take "one or several" (X | X[]) as a repeatable flag of X', () => {
    const styled = flagsOf(
      z.strictObject({
        styleImages: z.optional(z.union([ImageInputSchema, z.array(ImageInputSchema)])),
        styleScale: z.optional(z.union([z.number(), z.array(z.number())])),
        either: z.optional(z.union([z.number(), z.string()])),
      }),
    );
    expect(styled.map(({ name, kind, item }) => ({ name, kind, item }))).toEqual([
      { name: 'style-image', kind: 'list', item: 'image' },
      { name: 'style-scale', kind: 'list', item: 'number' },
      { name: 'either', kind: 'value', item: undefined },
    ]);
    expect(parse(styled, ['--style-scale', '0.5', '--style-scale', '0.8', '--either', '3'])).toEqual({
      styleScale: [0.5, 0.8],
      either: 3,
    });
  });

  it('read back as params: numbers typed, lists repeated, booleans both ways; what zod must refuse passes as text', () => {
    const concepts = '[{"modelId":"model_a","scale":0.5}]';
    expect(
      parse(img2img, ['-n', '3', '--seed', 'abc', '--hide-results', '--concepts', concepts, '--model', 'x']),
    ).toEqual({
      numSamples: 3,
      seed: 'abc',
      hideResults: true,
      concepts: [{ modelId: 'model_a', scale: 0.5 }],
      modelId: 'x',
    });
    expect(parse(img2img, ['--no-hide-results'])).toEqual({ hideResults: false });
    expect(parse(upscale, ['--style-image', 'a.png', '--style-image', 'asset_b'])).toEqual({
      styleImages: ['a.png', 'asset_b'],
    });
    expect(() => parse(img2img, ['--concepts', '[oops'])).toThrow('--concepts: expected JSON, got "[oops"');
  });

  it('read manifest rows by flag or param name; CSV text is typed and lists split on |; unknown fields pass on', () => {
    const row = { model: 'm', 'num-samples': '2', influence: 20, guidance: '', hideResults: 'true', promt: 'typo' };
    expect(paramsFromRow(img2img, row)).toEqual({
      modelId: 'm',
      numSamples: 2,
      influence: 20,
      hideResults: true,
      promt: 'typo',
    });
    expect(paramsFromRow(upscale, { 'style-image': 'a.png | b.png' })).toEqual({ styleImages: ['a.png', 'b.png'] });
    expect(paramsFromRow(upscale, { styleImages: ['a.png'] })).toEqual({ styleImages: ['a.png'] });
  });
});
