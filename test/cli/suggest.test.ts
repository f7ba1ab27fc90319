import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/cli/suggest.js';

describe('"did you mean"', () => {
  const fields = ['prompt', 'influence', 'num-samples', 'numSamples', 'seed', 'model', 'name'];

  it('suggests the field one or two slips away: a missing, extra, wrong or swapped letter', () => {
    expect(['promt', 'infuence', 'num_samples', 'sede', 'modle', 'nmae'].map((word) => closest(word, fields))).toEqual([
      'prompt',
      'influence',
      'num-samples',
      'seed',
      'model',
      'name',
    ]);
    expect(didYouMean('Prompt', fields)).toBe(' (did you mean "prompt"?)');
  });

  it('suggests nothing for a word far from every field', () => {
    expect([closest('colour', fields), closest('xy', fields), didYouMean('strength', fields)]).toEqual([
      undefined,
      undefined,
      '',
    ]);
  });
});
