import * as z from 'zod';
import { type OpenEnum, openEnum } from '../core/open-enum.js';

/** Upload statuses; `imported` means `entityId` holds the new asset id. New values accepted. */
export const KNOWN_UPLOAD_STATUSES = ['pending', 'validating', 'validated', 'complete', 'imported', 'failed'] as const;
/** An upload status; unknown newer ones come through as strings. */
export type UploadStatus = OpenEnum<(typeof KNOWN_UPLOAD_STATUSES)[number]>;

/** One part of a multipart upload: PUT its bytes to `url` (signed; no API auth). */
export const UploadPartSchema = z.looseObject({
  number: z.number(),
  url: z.string(),
  expires: z.union([z.string(), z.number()]).optional(),
});
/** {@link UploadPartSchema} as a type. */
export type UploadPart = z.output<typeof UploadPartSchema>;

/** An upload, as `/uploads` returns it. Unknown fields are kept. */
export const UploadSchema = z.looseObject({
  id: z.string(),
  status: openEnum(KNOWN_UPLOAD_STATUSES),
  fileName: z.string().optional(),
  kind: z.string().optional(),
  source: z.string().optional(),
  contentType: z.string().optional(),
  fileSize: z.number().optional(),
  partsCount: z.number().optional(),
  parts: z.array(UploadPartSchema).optional(),
  jobId: z.string().optional(),
  /** The created asset's id, once `status` is `imported`. */
  entityId: z.string().nullish(),
  errorMessage: z.string().nullish(),
  assetOptions: z.looseObject({}).optional(),
  authorId: z.string().optional(),
  ownerId: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
/**
 * An upload, as `/uploads` returns it.
 *
 * @interface
 */
export type Upload = z.output<typeof UploadSchema>;

/** `{ upload }` envelope. */
export const UploadEnvelopeSchema = z.looseObject({ upload: UploadSchema });

/** S3's minimum part size, except for the last part. */
export const MIN_UPLOAD_PART_BYTES = 5 * 1024 * 1024;

/** What an uploaded file becomes. */
export const UPLOAD_KINDS = ['image', 'audio', 'video', '3d', 'asset', 'avatar', 'model', 'text'] as const;
/** Zod schema of {@link UPLOAD_KINDS}. */
export const UploadKindSchema = z.enum(UPLOAD_KINDS);
/** What an uploaded file becomes. */
export type UploadKind = z.output<typeof UploadKindSchema>;

/** Options of the asset an upload creates (not for `kind: 'model'`). */
export const UploadAssetOptionsSchema = z.strictObject({
  collectionIds: z.array(z.string()).optional(),
  hide: z.boolean().optional(),
  parentId: z.string().optional(),
});
/** Options of the asset an upload creates. */
export type UploadAssetOptions = z.output<typeof UploadAssetOptionsSchema>;

/** Body of `POST /uploads` for a multipart file upload. */
export const UploadCreateBodySchema = z.strictObject({
  fileName: z.string().min(1),
  contentType: z.string().min(1),
  fileSize: z.number().int().positive(),
  parts: z.number().int().min(1).max(10_000),
  kind: UploadKindSchema,
  assetOptions: UploadAssetOptionsSchema.optional(),
});
/** Body of `POST /uploads`. */
export type UploadCreateBody = z.output<typeof UploadCreateBodySchema>;

/** Body of `POST /uploads/{id}/action`; `complete` is the only action. */
export const UploadActionBodySchema = z.strictObject({ action: z.literal('complete') });
/** Body of `POST /uploads/{id}/action`. */
export type UploadActionBody = z.output<typeof UploadActionBodySchema>;
