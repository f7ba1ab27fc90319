import type { Asset } from '../schemas/asset.js';
import { type EmulatorContext, isoDate } from './context.js';
import type { AssetRecord } from './store.js';

/** How long signed asset URLs stay valid, in clock time. */
const SIGNED_URL_TTL_MS = 7 * 24 * 3600 * 1000;

const IMAGE_EDIT_CAPABILITIES = [
  'DETECTION',
  'GENERATIVE_FILL',
  'PIXELATE',
  'REFINE',
  'REMOVE_BACKGROUND',
  'SEGMENTATION',
  'UPSCALE',
];

/** The asset as the API sends it, with a freshly signed download URL. */
export function assetView(context: EmulatorContext, asset: AssetRecord): Asset {
  const date = isoDate(asset.createdAt);
  const expires = context.options.clock.now() + SIGNED_URL_TTL_MS;
  return {
    id: asset.id,
    url: context.signer.sign(context.urls.cdn, `assets/${asset.id}`, expires),
    mimeType: asset.mimeType,
    kind: 'image',
    metadata: { ...asset.metadata, kind: 'image', type: asset.type },
    properties: { size: asset.bytes.byteLength, width: asset.width, height: asset.height },
    source: asset.type,
    status: 'success',
    privacy: 'private',
    ownerId: asset.ownerId,
    authorId: asset.authorId,
    createdAt: date,
    updatedAt: date,
    tags: [],
    collectionIds: asset.collectionIds,
    editCapabilities: IMAGE_EDIT_CAPABILITIES,
    isHidden: asset.hidden,
    ...(asset.outputIndex === undefined ? {} : { outputIndex: asset.outputIndex }),
  };
}
