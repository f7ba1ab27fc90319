import { TEXTURE_COST } from '../cost.js';
import { type SurfaceOptions, textureMaps } from '../images/texture-maps.js';
import { assetImage, echo, type Generator } from './generator.js';

/** `POST /generate/texture`: one asset per material map (`metadata.type` `texture-<map>`), each at the texture's size. */
export const texture: Generator = async (body, { images }) => {
  const source = await assetImage(images, body.texture as string, 'texture');
  const surface = body as SurfaceOptions;
  return {
    jobType: 'texture',
    input: echo({ ...body, type: 'texture' }, { texture: source.assetId }),
    cost: TEXTURE_COST,
    outputType: 'texture',
    outputMetadata: { parentId: source.assetId },
    hideResults: false,
    render: async () =>
      (await textureMaps(source.bytes, surface)).map(({ name, image }) => ({ ...image, type: `texture-${name}` })),
  };
};
