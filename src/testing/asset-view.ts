import type * as z from 'zod/mini';
import type { AssetSchema } from '../schemas/asset.js';
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

/**
 * `source` of an asset of `metadata.type` `type`: the API spells a few types differently there
 * (`inference-img2img` is `inference-img`, `inference-controlnet-inpaint` is
 * `inference-control-net-inpainting`, `texture-albedo` is `texture:albedo`); the rest alike.
 */
function assetSource(type: string): string {
  return type
    .replace(/^inference-controlnet/, 'inference-control-net')
    .replace(/^inference-(txt|img)2img/, 'inference-$1')
    .replace(/^inference-inpaint/, 'inference-in-paint')
    .replace(/^(inference-control-net)-img2img/, '$1-img')
    .replace(/^(inference-control-net)-inpaint/, '$1-inpainting')
    .replace(/^(texture|3d23d)-/, '$1:');
}

/** A freshly signed download URL of an asset's bytes, or of them converted to `format` (`POST /assets/{assetId}/download`). */
export function signedAssetUrl(context: EmulatorContext, assetId: string, format?: string): string {
  const resource = format === undefined ? `assets/${assetId}` : `assets/${assetId}/${format}`;
  return context.signer.sign(context.urls.cdn, resource, context.options.clock.now() + SIGNED_URL_TTL_MS);
}

/**
 * The asset as the API sends it, with a freshly signed download URL: `metadata.seed` a string,
 * as the swagger types it, and `null` where the live API leaves a field empty (`description`,
 * `thumbnail`).
 */
export function assetView(context: EmulatorContext, asset: AssetRecord): z.input<typeof AssetSchema> {
  const date = isoDate(asset.createdAt);
  const size = asset.width === undefined ? {} : { width: asset.width, height: asset.height };
  const { seed } = asset.metadata;
  return {
    id: asset.id,
    url: signedAssetUrl(context, asset.id),
    mimeType: asset.mimeType,
    kind: asset.kind,
    metadata: {
      ...asset.metadata,
      ...(seed === undefined ? {} : { seed: String(seed) }),
      kind: asset.kind,
      type: asset.type,
    },
    properties: { size: asset.bytes.byteLength, ...size },
    source: assetSource(asset.type),
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
    ...(asset.outputIndex === undefined ? {} : { outputIndex: asset.outputIndex }),
    description: asset.description ?? null,
    thumbnail: asset.thumbnailId
      ? { assetId: asset.thumbnailId, url: signedAssetUrl(context, asset.thumbnailId) }
      : null,
  };
}
