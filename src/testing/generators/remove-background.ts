import { REMOVE_BACKGROUND_COST } from '../cost.js';
import { removeBackground as cutOut } from '../images/remove-background.js';
import { echo, type Generator } from './generator.js';

/** `POST /generate/remove-background`: the border-connected background made transparent (or filled). */
export const removeBackground: Generator = async (body, { images }) => {
  const options = {
    backgroundColor: body.backgroundColor as string | undefined,
    format: body.format as 'png' | 'jpeg' | undefined,
  };
  const image = await images.resolve(body.image as string, 'image');
  return {
    jobType: 'remove-background',
    input: echo({ ...body, type: 'background-removal' }, { image: image.assetId }),
    cost: REMOVE_BACKGROUND_COST,
    outputType: 'background-removal',
    outputMetadata: echo({ ...options }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => [await cutOut(image.bytes, options)],
  };
};
