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

/** A freshly signed download URL of an asset's bytes. */
function signedAssetUrl(context: EmulatorContext, assetId: string): string {
  return context.signer.sign(context.urls.cdn, `assets/${assetId}`, context.options.clock.now() + SIGNED_URL_TTL_MS);
}

/** The asset as the API sends it, with a freshly signed download URL. */
export function assetView(context: EmulatorContext, asset: AssetRecord): Asset {
  const date = isoDate(asset.createdAt);
  const size = asset.width === undefined ? {} : { width: asset.width, height: asset.height };
  return {
    id: asset.id,
    url: signedAssetUrl(context, asset.id),
    mimeType: asset.mimeType,
    kind: asset.kind,
    metadata: { ...asset.metadata, kind: asset.kind, type: asset.type },
    properties: { size: asset.bytes.byteLength, ...size },
    source: asset.type,
    status: 'success',
    privacy: asset.privacy,
    ownerId: asset.ownerId,
    authorId: asset.authorId,
    createdAt: date,
    updatedAt: date,
    tags: [],
    collectionIds: asset.collectionIds,
    editCapabilities: asset.kind === 'image' ? IMAGE_EDIT_CAPABILITIES : [],
    isHidden: asset.hidden,
    ...(asset.description === undefined ? {} : { description: asset.description }),
    ...(asset.outputIndex === undefined ? {} : { outputIndex: asset.outputIndex }),
    ...(asset.thumbnailId
      ? { thumbnail: { assetId: asset.thumbnailId, url: signedAssetUrl(context, asset.thumbnailId) } }
      : {}),
  };
}
