import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';
import { optionalField } from './optional-field.js';

/** Kinds of asset the API stores. New kinds are accepted as plain strings. */
export const KNOWN_ASSET_KINDS = ['image', 'image-hdr', 'video', 'audio', '3d', 'document', 'json', 'text'] as const;
/** An asset kind; unknown newer kinds come through as strings. */
export type AssetKind = OpenEnum<(typeof KNOWN_ASSET_KINDS)[number]>;
/** Zod schema of an asset kind: a known one or any newer string. */
export const AssetKindSchema: z.ZodMiniType<AssetKind> = openEnum(KNOWN_ASSET_KINDS);

const assetMetadataShape = {
  kind: optionalField(AssetKindSchema),
  type: optionalField(z.string()),
  prompt: optionalField(z.string()),
  negativePrompt: optionalField(z.string()),
  modelId: optionalField(z.string()),
  /** The API sends the seed as a string or a number. */
  seed: optionalField(z.union([z.string(), z.number()])),
  strength: optionalField(z.number()),
  width: optionalField(z.number()),
  height: optionalField(z.number()),
  parentId: optionalField(z.string()),
  rootParentId: optionalField(z.string()),
  parentJobId: optionalField(z.string()),
  modality: optionalField(z.string()),
  scalingFactor: optionalField(z.number()),
  name: optionalField(z.string()),
};
/**
 * Asset metadata: always `kind` and `type` (e.g. `uploaded`, `inference-img2img`); generation inputs are echoed.
 *
 * @interface
 */
export type AssetMetadata = KnownFields<typeof assetMetadataShape>;
/** Schema of {@link AssetMetadata}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const AssetMetadataSchema: ObjectSchema<typeof assetMetadataShape, AssetMetadata> =
  responseObject(assetMetadataShape);

const assetPropertiesShape = {
  size: optionalField(z.number()),
  width: optionalField(z.number()),
  height: optionalField(z.number()),
};
/**
 * File properties: always `size` in bytes; images add `width` and `height`.
 *
 * @interface
 */
export type AssetProperties = KnownFields<typeof assetPropertiesShape>;
/** Schema of {@link AssetProperties}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const AssetPropertiesSchema: ObjectSchema<typeof assetPropertiesShape, AssetProperties> =
  responseObject(assetPropertiesShape);

const AssetLinkSchema = responseObject({ assetId: optionalField(z.string()), url: z.string() });

const assetShape = {
  id: z.string(),
  url: z.string(),
  mimeType: z.string(),
  kind: AssetKindSchema,
  metadata: z._default(AssetMetadataSchema, {}),
  properties: z._default(AssetPropertiesSchema, {}),
  source: optionalField(z.string()),
  /** `pending | success | error`, or a newer value. */
  status: optionalField(z.string()),
  /** `private | public | unlisted`, or a newer value. */
  privacy: optionalField(z.string()),
  ownerId: optionalField(z.string()),
  authorId: optionalField(z.string()),
  createdAt: optionalField(z.string()),
  updatedAt: optionalField(z.string()),
  tags: z._default(z.array(z.string()), []),
  collectionIds: z._default(z.array(z.string()), []),
  editCapabilities: z._default(z.array(z.string()), []),
  description: optionalField(z.string()),
  isHidden: optionalField(z.boolean()),
  /** 0-based index among the outputs of the job that made it. */
  outputIndex: optionalField(z.number()),
  nsfw: optionalField(z.array(z.string())),
  originalFileUrl: optionalField(z.string()),
  thumbnail: optionalField(AssetLinkSchema),
  preview: optionalField(AssetLinkSchema),
};
/**
 * A stored file (uploaded or generated), as the API returns it. `url` is a signed CDN URL: download it as is.
 *
 * @interface
 */
export type Asset = KnownFields<typeof assetShape>;
/** Schema of {@link Asset}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const AssetSchema: ObjectSchema<typeof assetShape, Asset> = responseObject(assetShape);

/** `{ asset }` envelope. */
export const AssetEnvelopeSchema = responseObject({ asset: AssetSchema });

const assetListResponseShape = {
  assets: z.array(AssetSchema),
  nextPaginationToken: optionalField(z.string()),
};
/**
 * One page of `GET /assets`, or the answer of `POST /assets/get-bulk`.
 *
 * @interface
 */
export type AssetListResponse = KnownFields<typeof assetListResponseShape>;
/** `{ assets, nextPaginationToken? }` of `GET /assets` (and `{ assets }` of `POST /assets/get-bulk`). */
export const AssetListResponseSchema: ObjectSchema<typeof assetListResponseShape, AssetListResponse> =
  responseObject(assetListResponseShape);

/** Body of `POST /assets`: a small image as raw base64 or a data URL. */
export const AssetUploadBodySchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  image: z.string().check(z.minLength(1)),
  hide: z.optional(z.boolean()),
  parentId: z.optional(z.string()),
  collectionIds: z.optional(z.array(z.string())),
});
/** Body of `POST /assets`. */
export type AssetUploadBody = z.output<typeof AssetUploadBodySchema>;

/** Body of `POST /assets/get-bulk` (at most 200 ids) and `DELETE /assets` (at most 100). */
export const AssetIdsBodySchema = z.strictObject({
  assetIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(200)),
});

/** Query of `GET /assets`. */
export const AssetListQuerySchema = z.strictObject({
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  paginationToken: z.optional(z.string()),
  sortBy: z.optional(z.enum(['createdAt', 'updatedAt'])),
  sortDirection: z.optional(z.enum(['asc', 'desc'])),
  createdAfter: z.optional(z.string()),
  createdBefore: z.optional(z.string()),
  updatedAfter: z.optional(z.string()),
  updatedBefore: z.optional(z.string()),
  privacy: z.optional(z.enum(['private', 'public', 'unlisted'])),
  /** One asset type, e.g. `uploaded` or `inference-img2img`; `inference-` matches every inference type. */
  type: z.optional(z.string()),
  types: z.optional(z.array(z.string())),
  inferenceId: z.optional(z.string()),
  modelId: z.optional(z.string()),
  parentAssetId: z.optional(z.string()),
  rootAssetId: z.optional(z.string()),
  authorId: z.optional(z.string()),
  collectionId: z.optional(z.string()),
  originalAssets: z.optional(z.boolean()),
});
/** Filters and paging of {@link Assets.list}. */
export type AssetListQuery = z.input<typeof AssetListQuerySchema>;
