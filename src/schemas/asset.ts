import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';
import { commaList, isoDate } from './query.js';

/** Kinds of asset the API stores. New kinds are accepted as plain strings. */
export const KNOWN_ASSET_KINDS = ['image', 'image-hdr', 'video', 'audio', '3d', 'document', 'json', 'text'] as const;
/** An asset kind; unknown newer kinds come through as strings. */
export type AssetKind = OpenEnum<(typeof KNOWN_ASSET_KINDS)[number]>;
/** Zod schema of an asset kind: a known one or any newer string. */
export const AssetKindSchema: z.ZodMiniType<AssetKind> = openEnum(KNOWN_ASSET_KINDS);

const assetMetadataShape = {
  kind: z.optional(AssetKindSchema),
  type: z.optional(z.string()),
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  modelId: z.optional(z.string()),
  /** The API sends the seed as a string or a number. */
  seed: z.optional(z.union([z.string(), z.number()])),
  strength: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  parentId: z.optional(z.string()),
  rootParentId: z.optional(z.string()),
  parentJobId: z.optional(z.string()),
  modality: z.optional(z.string()),
  scalingFactor: z.optional(z.number()),
  name: z.optional(z.string()),
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
  size: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
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

const AssetLinkSchema = responseObject({ assetId: z.optional(z.string()), url: z.string() });

const assetShape = {
  id: z.string(),
  url: z.string(),
  mimeType: z.string(),
  kind: AssetKindSchema,
  metadata: z._default(AssetMetadataSchema, {}),
  properties: z._default(AssetPropertiesSchema, {}),
  source: z.optional(z.string()),
  /** `pending | success | error`, or a newer value. */
  status: z.optional(z.string()),
  /** `private | public | unlisted`, or a newer value. */
  privacy: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  authorId: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  tags: z._default(z.array(z.string()), []),
  collectionIds: z._default(z.array(z.string()), []),
  editCapabilities: z._default(z.array(z.string()), []),
  description: z.optional(z.string()),
  isHidden: z.optional(z.boolean()),
  /** 0-based index among the outputs of the job that made it. */
  outputIndex: z.optional(z.number()),
  nsfw: z.optional(z.array(z.string())),
  originalFileUrl: z.optional(z.string()),
  thumbnail: z.optional(AssetLinkSchema),
  preview: z.optional(AssetLinkSchema),
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
  nextPaginationToken: z.nullish(z.string()),
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

/** The asset types `GET /assets` filters on, as Scenario's swagger lists them. */
const ASSET_TYPES = [
  '3d23d',
  '3d23d-texture',
  'audio2audio',
  'background-removal',
  'canvas',
  'canvas-drawing',
  'canvas-export',
  'detection',
  'generative-fill',
  'image-prompt-editing',
  'img23d',
  'img2img',
  'img2video',
  'inference-controlnet',
  'inference-controlnet-img2img',
  'inference-controlnet-inpaint',
  'inference-controlnet-inpaint-ip-adapter',
  'inference-controlnet-ip-adapter',
  'inference-controlnet-reference',
  'inference-controlnet-texture',
  'inference-img2img',
  'inference-img2img-ip-adapter',
  'inference-img2img-texture',
  'inference-inpaint',
  'inference-inpaint-ip-adapter',
  'inference-reference',
  'inference-reference-texture',
  'inference-txt2img',
  'inference-txt2img-ip-adapter',
  'inference-txt2img-texture',
  'patch',
  'pixelization',
  'reframe',
  'restyle',
  'segment',
  'segmentation-image',
  'segmentation-mask',
  'skybox-3d',
  'skybox-base-360',
  'skybox-hdri',
  'texture',
  'texture-albedo',
  'texture-ao',
  'texture-edge',
  'texture-height',
  'texture-metallic',
  'texture-normal',
  'texture-smoothness',
  'txt23d',
  'txt2audio',
  'txt2img',
  'txt2video',
  'unknown',
  'uploaded',
  'uploaded-3d',
  'uploaded-audio',
  'uploaded-avatar',
  'uploaded-video',
  'upscale',
  'upscale-skybox',
  'upscale-texture',
  'upscale-video',
  'vectorization',
  'video2video',
] as const;
/** An asset type to filter on, or `inference-` for every `inference-…` type. */
const AssetTypeFilterSchema = z.enum([...ASSET_TYPES, 'inference-']);

/** Query of `GET /assets`; the project comes from the client's or the call's `projectId`. */
export const AssetListQuerySchema = z
  .strictObject({
    /** Assets per page, 1–100. Server default 50. */
    pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
    /** Resume a listing where a page's `nextPaginationToken` points. */
    paginationToken: z.optional(z.string().check(z.minLength(1))),
    sortBy: z.optional(z.enum(['createdAt', 'updatedAt'])),
    sortDirection: z.optional(z.enum(['asc', 'desc'])),
    /** ISO date, exclusive; needs `sortBy: 'createdAt'`. */
    createdAfter: z.optional(isoDate),
    /** ISO date, exclusive; needs `sortBy: 'createdAt'`. */
    createdBefore: z.optional(isoDate),
    /** ISO date, exclusive; needs `sortBy: 'updatedAt'`. */
    updatedAfter: z.optional(isoDate),
    /** ISO date, exclusive; needs `sortBy: 'updatedAt'`. */
    updatedBefore: z.optional(isoDate),
    /** `public` lists the public assets of every organization. */
    privacy: z.optional(z.enum(['private', 'public', 'unlisted'])),
    /** One asset type, e.g. `uploaded` or `inference-img2img`; `inference-` matches every inference type. */
    type: z.optional(AssetTypeFilterSchema),
    /** Several asset types (not with `type`). */
    types: z.optional(z.array(AssetTypeFilterSchema).check(z.minLength(1))),
    /** Assets generated by one inference. */
    inferenceId: z.optional(z.string().check(z.minLength(1))),
    /** Assets generated with a model (not its training images). */
    modelId: z.optional(z.string().check(z.minLength(1))),
    /** Direct children of an asset. */
    parentAssetId: z.optional(z.string().check(z.minLength(1))),
    /** Every descendant of an asset. */
    rootAssetId: z.optional(z.string().check(z.minLength(1))),
    /** Assets created by one user. */
    authorId: z.optional(z.string().check(z.minLength(1))),
    /** Assets in one collection. */
    collectionId: z.optional(z.string().check(z.minLength(1))),
    /** Public assets with any of these tags (sent comma-separated). */
    tags: z.optional(commaList),
    /** `true` returns the original assets, without transformation. */
    originalAssets: z.optional(z.boolean()),
  })
  .check(
    z.refine((query) => query.type === undefined || query.types === undefined, {
      message: 'type and types cannot be used together',
      path: ['types'],
    }),
  );
/** Filters and paging of {@link Assets.list}. */
export type AssetListQuery = z.input<typeof AssetListQuerySchema>;
