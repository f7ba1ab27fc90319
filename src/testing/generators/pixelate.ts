import { TOOL_COST } from '../cost.js';
import { badRequest } from '../errors.js';
import { pixelate as pixelateImage } from '../images/pixelate.js';
import { removeBackground } from '../images/remove-background.js';
import { assetImage, echo, type Generator } from './generator.js';

/** Grid sizes the route takes (its swagger says "should be", the emulator holds it to them). */
const GRID_SIZES = [16, 32, 64, 128, 256];
const MIN_PALETTE = 2;
const MAX_PALETTE = 256;

/**
 * `POST /generate/pixelate`: `pixelGridSize` flat cells along the longer side, each drawn as a
 * square block; at most `colorPaletteSize` colours, or only those of `colorPalette`; the subject
 * cut out first with `removeBackground`.
 */
export const pixelate: Generator = async (body, { images }) => {
  const gridSize = body.pixelGridSize as number;
  if (!GRID_SIZES.includes(gridSize)) {
    throw badRequest(`Invalid pixelGridSize: ${gridSize} is not one of ${GRID_SIZES.join(', ')}`);
  }
  const paletteSize = body.colorPaletteSize as number | undefined;
  if (
    paletteSize !== undefined &&
    !(Number.isInteger(paletteSize) && paletteSize >= MIN_PALETTE && paletteSize <= MAX_PALETTE)
  ) {
    throw badRequest(`Invalid colorPaletteSize: ${paletteSize} is outside ${MIN_PALETTE}–${MAX_PALETTE}`);
  }
  const palette = body.colorPalette as number[][] | undefined;
  if (palette?.some((colour) => colour.length !== 3 || colour.some((c) => !(c >= 0 && c <= 255)))) {
    throw badRequest('Invalid colorPalette: each colour must be [r, g, b], each 0–255');
  }
  const image = await assetImage(images, body.image as string, 'image');
  return {
    jobType: 'pixelate',
    input: echo({ ...body, type: 'pixelate' }, { image: image.assetId }),
    cost: TOOL_COST,
    outputType: 'pixelization',
    outputMetadata: echo({ pixelGridSize: gridSize, colorPaletteSize: paletteSize }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => {
      const source = body.removeBackground ? (await removeBackground(image.bytes)).bytes : image.bytes;
      return [
        await pixelateImage(source, { gridSize, paletteSize, palette, removeNoise: body.removeNoise as boolean }),
      ];
    },
  };
};
