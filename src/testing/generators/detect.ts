import { DetectBodySchema } from '../../schemas/detect.js';
import { DETECT_COST } from '../cost.js';
import { detectMap } from '../images/detect.js';
import { parseWith } from '../request.js';
import { echo, type Generator } from './generator.js';

/** `POST /generate/detect`: one control map (edges, depth…) at the input's size. */
export const detect: Generator = async (body, { images }) => {
  const input = parseWith(DetectBodySchema, body);
  const image = await images.resolve(input.image, 'image');
  return {
    jobType: 'detection',
    input: echo({ ...input, type: 'detection' }, { image: image.assetId }),
    cost: DETECT_COST,
    outputType: 'detection',
    outputMetadata: { modality: input.modality, parentId: image.assetId },
    hideResults: false,
    render: async () => [await detectMap(image.bytes, input.modality)],
  };
};
