import { TOOL_COST } from '../cost.js';
import { segment as segmentImage } from '../images/segment.js';
import type { JobOutput } from '../store.js';
import { echo, type Generator } from './generator.js';

/**
 * `POST /generate/segment`: the image's main object (what is not its border-connected
 * background) as a mask, white on black (`segmentation-mask`, unless `resultMask: false`), and
 * with `resultImage` the object cut out (`segmentation-image`). `text`, `bbox`, `points` and
 * `checkpoint` are accepted and not modelled: there is one object to find.
 */
export const segment: Generator = async (body, { images }) => {
  const image = await images.resolve(body.image as string, 'image');
  const wantImage = body.resultImage === true;
  const wantMask = body.resultMask !== false || !wantImage;
  return {
    jobType: 'segment',
    input: echo({ ...body, type: 'segment' }, { image: image.assetId }),
    cost: TOOL_COST,
    outputType: 'segmentation-mask',
    outputMetadata: echo({ text: body.text }, { parentId: image.assetId }),
    hideResults: false,
    render: async () => {
      const { mask, cutout } = await segmentImage(image.bytes, {
        dilate: body.dilate as number | undefined,
        betterQuality: body.betterQuality as boolean | undefined,
        backgroundOpacity: body.backgroundOpacity as number | undefined,
      });
      const outputs: JobOutput[] = [];
      if (wantMask) outputs.push({ ...mask, type: 'segmentation-mask' });
      if (wantImage) outputs.push({ ...cutout, type: 'segmentation-image' });
      return outputs;
    },
  };
};
