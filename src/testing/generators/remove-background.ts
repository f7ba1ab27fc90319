import { RemoveBackgroundBodySchema } from '../../schemas/remove-background.js';
import { REMOVE_BACKGROUND_COST } from '../cost.js';
import { removeBackground as cutOut } from '../images/remove-background.js';
import { parseWith } from '../request.js';
import { echo, type Generator } from './generator.js';

/** `POST /generate/remove-background`: the border-connected background made transparent (or filled). */
export const removeBackground: Generator = async (body, { images }) => {
  const input = parseWith(RemoveBackgroundBodySchema, body);
  const image = await images.resolve(input.image, 'image');
  return {
    jobType: 'remove-background',
    input: echo({ ...input, type: 'background-removal' }, { image: image.assetId }),
    cost: REMOVE_BACKGROUND_COST,
    outputType: 'background-removal',
    outputMetadata: echo({ backgroundColor: input.backgroundColor, format: input.format }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => [await cutOut(image.bytes, input)],
  };
};
