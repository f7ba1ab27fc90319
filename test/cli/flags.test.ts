import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { UsageError } from '../../src/cli/errors.js';
import {
  addFlags,
  flagsOf,
  flagWords,
  inUserWords,
  paramsFromOptions,
  paramsFromRow,
  rowWords,
} from '../../src/cli/flags.js';
import { commandFlags, TYPED_COMMANDS } from '../../src/cli/generations.js';
import {
  AssetListQuerySchema,
  ImageInputSchema,
  Img2ImgParamsSchema,
  parseInput,
  UpscaleParamsSchema,
} from '../../src/schemas.js';

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

  it('list a set of choices once: a later flag with the same set points at the first', () => {
    const assets = flagsOf(AssetListQuerySchema);
    expect(byName(assets, 'type')?.description).toMatch(/^one of 3d23d, .*, txt2img, /);
    expect(byName(assets, 'types')?.description).toBe('as --type (repeatable)');
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

describe('the SDK’s input errors in the user’s words', () => {
  /** The problems of `params` for `command`, named by `words`. */
  function problemsOf(
    command: (typeof TYPED_COMMANDS)[number],
    params: object,
    words = flagWords(commandFlags(command)),
  ) {
    try {
      parseInput(command.schema, params, `${command.field} params`);
      return [];
    } catch (error) {
      const translated = inUserWords(error, words);
      expect(translated).toBeInstanceOf(UsageError);
      return [...(translated as UsageError).problems];
    }
  }

  it('name each param by its flag on every command, and say "is required" for a missing one', () => {
    for (const command of TYPED_COMMANDS) {
      const flags = commandFlags(command);
      const params = new Set(flags.filter((flag) => flag.name !== flag.param).map((flag) => flag.param));
      const positional = command.positional ? { [command.positional]: 'asset_x' } : {};
      const problems = [...problemsOf(command, positional), ...problemsOf(command, { ...positional, numSamples: 'x' })];
      for (const problem of problems) {
        const [first = ''] = problem.split(/[: ]/);
        expect(params.has(first), `${command.name}: ${problem}`).toBe(false);
        expect(problem).not.toMatch(/received undefined/);
      }
      const shape = (command.schema as z.ZodMiniObject)._zod.def.shape ?? {};
      const modelRequired = shape.modelId !== undefined && shape.modelId._zod.optin !== 'optional';
      if (modelRequired) expect(problems, command.name).toContain('--model is required');
    }
  });

  it('name each param by the field a manifest row used for it', () => {
    const [img2img] = TYPED_COMMANDS.filter((command) => command.name === 'img2img');
    if (!img2img) throw new Error('img2img is a typed command');
    const words = rowWords(commandFlags(img2img), ['numSamples']);
    expect(problemsOf(img2img, { image: 'asset_x', numSamples: 'x' }, words)).toEqual([
      'model is required',
      'prompt is required',
      'numSamples: Invalid input: expected number, received string',
    ]);
  });
});
