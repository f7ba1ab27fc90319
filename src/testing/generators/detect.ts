import { DETECT_COST } from '../cost.js';
import { detectMap } from '../images/detect.js';
import { echo, type Generator } from './generator.js';

/** `POST /generate/detect`: one control map (edges, depth…) at the input's size. */
export const detect: Generator = async (body, { images }) => {
  const modality = body.modality as string;
  const image = await images.resolve(body.image as string, 'image');
  return {
    jobType: 'detection',
    input: echo({ ...body, type: 'detection' }, { image: image.assetId }),
    cost: DETECT_COST,
    outputType: 'detection',
    outputMetadata: { modality, parentId: image.assetId },
    hideResults: false,
    render: async () => [await detectMap(image.bytes, modality)],
  };
};
