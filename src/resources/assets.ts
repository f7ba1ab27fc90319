import { z } from 'zod';

/** Kinds of asset the API stores. New kinds are accepted as plain strings. */
export const KNOWN_ASSET_KINDS = ['image', 'image-hdr', 'video', 'audio', '3d', 'document', 'json', 'text'] as const;
export const AssetKindSchema = z.union([z.enum(KNOWN_ASSET_KINDS), z.string()]);
export type AssetKind = (typeof KNOWN_ASSET_KINDS)[number] | (string & {});

/** Asset metadata: always `kind` and `type` (e.g. `uploaded`, `inference-img2img`); generation inputs are echoed. */
export const AssetMetadataSchema = z.looseObject({
  kind: AssetKindSchema.optional(),
  type: z.string().optional(),
  prompt: z.string().optional(),
  negativePrompt: z.string().optional(),
  modelId: z.string().optional(),
  /** The API sends the seed as a string or a number. */
  seed: z.union([z.string(), z.number()]).optional(),
  strength: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  parentId: z.string().optional(),
  rootParentId: z.string().optional(),
  parentJobId: z.string().optional(),
  modality: z.string().optional(),
  scalingFactor: z.number().optional(),
  name: z.string().optional(),
});

/** File properties: always `size` in bytes; images add `width` and `height`. */
export const AssetPropertiesSchema = z.looseObject({
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

const AssetLinkSchema = z.looseObject({ assetId: z.string().optional(), url: z.string() });

/** A stored file (uploaded or generated). `url` is a signed CDN URL: download it as is. Unknown fields are kept. */
export const AssetSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  mimeType: z.string(),
  kind: AssetKindSchema,
  metadata: AssetMetadataSchema.default({}),
  properties: AssetPropertiesSchema.default({}),
  source: z.string().optional(),
  /** `pending | success | error`, or a newer value. */
  status: z.string().optional(),
  /** `private | public | unlisted`, or a newer value. */
  privacy: z.string().optional(),
  ownerId: z.string().optional(),
  authorId: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  tags: z.array(z.string()).default([]),
  collectionIds: z.array(z.string()).default([]),
  editCapabilities: z.array(z.string()).default([]),
  description: z.string().optional(),
  isHidden: z.boolean().optional(),
  /** 0-based index among the outputs of the job that made it. */
  outputIndex: z.number().optional(),
  nsfw: z.array(z.string()).optional(),
  originalFileUrl: z.string().optional(),
  thumbnail: AssetLinkSchema.optional(),
  preview: AssetLinkSchema.optional(),
});
export type Asset = z.output<typeof AssetSchema>;

/** `{ asset }` envelope. */
export const AssetEnvelopeSchema = z.looseObject({ asset: AssetSchema });

/** `{ assets, nextPaginationToken? }` of `GET /assets` (and `{ assets }` of `POST /assets/get-bulk`). */
export const AssetListResponseSchema = z.looseObject({
  assets: z.array(AssetSchema),
  nextPaginationToken: z.string().optional(),
});

/** Body of `POST /assets`: a small image as raw base64 or a data URL. */
export const AssetUploadBodySchema = z.strictObject({
  name: z.string().min(1),
  image: z.string().min(1),
  hide: z.boolean().optional(),
  parentId: z.string().optional(),
  collectionIds: z.array(z.string()).optional(),
});
export type AssetUploadBody = z.output<typeof AssetUploadBodySchema>;

/** Body of `POST /assets/get-bulk` (at most 200 ids) and `DELETE /assets` (at most 100). */
export const AssetIdsBodySchema = z.strictObject({ assetIds: z.array(z.string().min(1)).min(1).max(200) });

/** Query of `GET /assets`. */
export const AssetListQuerySchema = z.strictObject({
  pageSize: z.number().int().min(1).max(100).optional(),
  paginationToken: z.string().optional(),
  sortBy: z.enum(['createdAt', 'updatedAt']).optional(),
  sortDirection: z.enum(['asc', 'desc']).optional(),
  createdAfter: z.string().optional(),
  createdBefore: z.string().optional(),
  updatedAfter: z.string().optional(),
  updatedBefore: z.string().optional(),
  privacy: z.enum(['private', 'public', 'unlisted']).optional(),
  /** One asset type, e.g. `uploaded` or `inference-img2img`; `inference-` matches every inference type. */
  type: z.string().optional(),
  types: z.array(z.string()).optional(),
  inferenceId: z.string().optional(),
  modelId: z.string().optional(),
  parentAssetId: z.string().optional(),
  rootAssetId: z.string().optional(),
  authorId: z.string().optional(),
  collectionId: z.string().optional(),
  originalAssets: z.boolean().optional(),
});
export type AssetListQuery = z.input<typeof AssetListQuerySchema>;
