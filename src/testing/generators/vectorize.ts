import { TOOL_COST } from '../cost.js';
import { vectorize as trace, type VectorizeOptions } from '../images/vectorize.js';
import { assetImage, echo, type Generator } from './generator.js';

/** Presets that trace in black and white. */
const BW_PRESETS = new Set(['bw']);

/**
 * `POST /generate/vectorize`: an SVG asset (`image/svg+xml`) of the image's size, its colours
 * quantised (`colorMode: 'bw'` or the `bw` preset: black and white) and traced as rectangles.
 * The curve-fitting fields are accepted and not modelled.
 */
export const vectorize: Generator = async (body, { images }) => {
  const image = await assetImage(images, body.image as string, 'image');
  const preset = body.preset as string | undefined;
  const options: VectorizeOptions = {
    colorMode: preset && preset !== 'custom' ? (BW_PRESETS.has(preset) ? 'bw' : 'color') : (body.colorMode as 'bw'),
    colorPrecision: body.colorPrecision as number | undefined,
  };
  return {
    jobType: 'vectorize',
    input: echo({ ...body, type: 'vectorize' }, { image: image.assetId }),
    cost: TOOL_COST,
    outputType: 'vectorization',
    outputMetadata: echo({ preset, colorMode: options.colorMode }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => [await trace(image.bytes, options)],
  };
};
