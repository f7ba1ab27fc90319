import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';
import { optionalField } from './optional-field.js';

/** Upload statuses; `imported` means `entityId` holds the new asset id. New values accepted. */
export const KNOWN_UPLOAD_STATUSES = ['pending', 'validating', 'validated', 'complete', 'imported', 'failed'] as const;
/** An upload status; unknown newer ones come through as strings. */
export type UploadStatus = OpenEnum<(typeof KNOWN_UPLOAD_STATUSES)[number]>;
/** Schema of {@link UploadStatus}. */
export const UploadStatusSchema: z.ZodMiniType<UploadStatus> = openEnum(KNOWN_UPLOAD_STATUSES);

const uploadPartShape = {
  number: z.number(),
  url: z.string(),
  expires: optionalField(z.union([z.string(), z.number()])),
};
/**
 * One part of a multipart upload: PUT its bytes to `url` (signed; no API auth).
 *
 * @interface
 */
export type UploadPart = KnownFields<typeof uploadPartShape>;
/** Schema of {@link UploadPart}. */
export const UploadPartSchema: ObjectSchema<typeof uploadPartShape, UploadPart> = responseObject(uploadPartShape);

const uploadShape = {
  id: z.string(),
  status: UploadStatusSchema,
  fileName: optionalField(z.string()),
  kind: optionalField(z.string()),
  source: optionalField(z.string()),
  contentType: optionalField(z.string()),
  fileSize: optionalField(z.number()),
  partsCount: optionalField(z.number()),
  parts: optionalField(z.array(UploadPartSchema)),
  jobId: optionalField(z.string()),
  /** The created asset's id, once `status` is `imported`. */
  entityId: optionalField(z.string()),
  errorMessage: optionalField(z.string()),
  /** Options of the asset the upload creates, as the server echoes them. */
  assetOptions: optionalField(z.record(z.string(), z.unknown())),
  authorId: optionalField(z.string()),
  ownerId: optionalField(z.string()),
  createdAt: optionalField(z.string()),
  updatedAt: optionalField(z.string()),
};
/**
 * An upload, as `/uploads` returns it.
 *
 * @interface
 */
export type Upload = KnownFields<typeof uploadShape>;
/** Schema of {@link Upload}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const UploadSchema: ObjectSchema<typeof uploadShape, Upload> = responseObject(uploadShape);

/** `{ upload }` envelope. */
export const UploadEnvelopeSchema = responseObject({ upload: UploadSchema });

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
  collectionIds: z.optional(z.array(z.string())),
  hide: z.optional(z.boolean()),
  parentId: z.optional(z.string()),
});
/** Options of the asset an upload creates. */
export type UploadAssetOptions = z.output<typeof UploadAssetOptionsSchema>;

/** Body of `POST /uploads` for a multipart file upload. */
export const UploadCreateBodySchema = z.strictObject({
  fileName: z.string().check(z.minLength(1)),
  contentType: z.string().check(z.minLength(1)),
  fileSize: z.number().check(z.int(), z.positive()),
  parts: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
  kind: UploadKindSchema,
  assetOptions: z.optional(UploadAssetOptionsSchema),
});
/** Body of `POST /uploads`. */
export type UploadCreateBody = z.output<typeof UploadCreateBodySchema>;

/** Body of `POST /uploads/{id}/action`; `complete` is the only action. */
export const UploadActionBodySchema = z.strictObject({ action: z.literal('complete') });
/** Body of `POST /uploads/{id}/action`. */
export type UploadActionBody = z.output<typeof UploadActionBodySchema>;
