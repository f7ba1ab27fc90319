import { editCost } from '../cost.js';
import { renderGeneration } from '../images/generation.js';
import { assetImages, echo, type Generator, renderStyles } from './generator.js';

const DEFAULT_FIDELITY = 50;
/** The least the structure is changed, so a `structureFidelity` of 100 still restyles. */
const MIN_STRENGTH = 0.2;

/**
 * `POST /generate/restyle`: the image varied as an img2img would be (less with a higher
 * `structureFidelity`), its colours pulled to the style images' palettes by `styleFidelity`.
 */
export const restyle: Generator = async (body, { images, seed: drawSeed }) => {
  const image = await images.resolve(body.image as string, 'image');
  const styles = await assetImages(body, images, 'styleImages');
  const styleScale = ((body.styleFidelity as number | undefined) ?? DEFAULT_FIDELITY) / 100;
  const structure = ((body.structureFidelity as number | undefined) ?? DEFAULT_FIDELITY) / 100;
  const seed = drawSeed(body.seed);
  const { width, height } = image.info;
  return {
    jobType: 'restyle',
    input: echo({ ...body, type: 'restyle' }, { image: image.assetId, styleImages: styles.map((s) => s.assetId) }),
    cost: editCost(1, width, height),
    outputType: 'restyle',
    outputMetadata: echo({ prompt: body.prompt, seed }, { parentId: image.assetId }),
    hideResults: false,
    render: () =>
      renderGeneration({
        width,
        height,
        seed,
        count: 1,
        prompt: (body.prompt as string | undefined) ?? '',
        strength: Math.max(MIN_STRENGTH, 1 - structure),
        reference: image.bytes,
        ...renderStyles(styles, styleScale),
      }),
  };
};
