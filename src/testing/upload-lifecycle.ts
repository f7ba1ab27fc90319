import type { WithUnknownFields } from '../schemas/object-schema.js';
import { MIN_UPLOAD_PART_BYTES, type Upload } from '../schemas/upload.js';
import { type EmulatorContext, isoDate } from './context.js';
import { badRequest } from './errors.js';
import { probeImage } from './images/probe.js';
import { type JobRecord, type JobState, type UploadRecord, uploadedAsset } from './store.js';
import { fetchImportUrl } from './url-fetch.js';

/** Signed part URLs stay valid this long (clock time), like S3 presigned URLs. */
const PART_URL_TTL_MS = 3600 * 1000;

/** S3's limit on the parts of one multipart upload. */
export const MAX_UPLOAD_PARTS = 10_000;
/**
 * The largest file the emulator takes, by multipart upload or URL import: 100 MiB. It keeps
 * every file in memory, so one upload must not be able to claim more than that.
 */
export const MAX_UPLOAD_FILE_BYTES = 100 * 1024 * 1024;

/** `pending` until completed, `validating` for the `upload` job duration, then `imported` or `failed`. */
function uploadStatus(
  context: EmulatorContext,
  upload: UploadRecord,
): 'pending' | 'validating' | 'imported' | 'failed' {
  if (upload.completedAt === undefined) return 'pending';
  if (context.options.clock.now() < validatedAt(context, upload)) return 'validating';
  return upload.validation && 'error' in upload.validation ? 'failed' : 'imported';
}

const validatedAt = (context: EmulatorContext, upload: UploadRecord) =>
  (upload.completedAt ?? Infinity) + (context.options.jobDurations.upload ?? 0);

/**
 * `POST /uploads/{id}/action {action:'complete'}`: assembles the parts (refusing missing or
 * too-small ones, as S3 does) and validates the file, whose verdict shows once validation time is up.
 */
export async function completeUpload(context: EmulatorContext, upload: UploadRecord): Promise<void> {
  if (upload.completedAt !== undefined) throw badRequest(`Upload ${upload.id} is already completed`);
  const missing = Array.from({ length: upload.partsCount }, (_, i) => i + 1).filter((n) => !upload.parts.has(n));
  if (missing.length > 0) throw badRequest(`Upload ${upload.id} is missing part(s) ${missing.join(', ')}`);
  const parts = Array.from({ length: upload.partsCount }, (_, i) => upload.parts.get(i + 1) as Uint8Array);
  const small = parts.findIndex((part, i) => i < parts.length - 1 && part.byteLength < MIN_UPLOAD_PART_BYTES);
  if (small >= 0)
    throw badRequest(`Part ${small + 1} is smaller than the minimum allowed size of 5 MiB (EntityTooSmall)`);

  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  upload.validation =
    bytes.byteLength === upload.fileSize
      ? await validate(bytes, upload.fileName)
      : { error: `Received ${bytes.byteLength} bytes, but fileSize announced ${upload.fileSize}` };
  upload.completedAt = context.options.clock.now();
}

/**
 * `POST /uploads {url, kind}`: downloads `url` at once (the emulator's own signed asset URLs
 * without any network, others with the `fetch` option) and validates it; the verdict shows once
 * validation time is up, as for a completed multipart upload.
 */
export async function importFromUrl(context: EmulatorContext, upload: UploadRecord, url: string): Promise<void> {
  const downloaded = await download(context, url);
  upload.validation = 'error' in downloaded ? downloaded : await validate(downloaded.bytes, upload.fileName);
  if ('image' in upload.validation) {
    upload.contentType ||= upload.validation.image.mimeType;
    upload.fileSize = upload.validation.image.bytes.byteLength;
  }
  upload.completedAt = context.options.clock.now();
}

async function validate(bytes: Uint8Array, fileName: string): Promise<NonNullable<UploadRecord['validation']>> {
  const info = await probeImage(bytes);
  return info ? { image: { bytes, ...info } } : { error: `${fileName} is not a valid image` };
}

/**
 * The file at `url`: the emulator's own signed asset URLs are read without any network, others
 * through {@link fetchImportUrl} under the `uploadUrls` policy. Every failure reads the same, so
 * that imports cannot probe a network.
 */
async function download(context: EmulatorContext, url: string): Promise<{ bytes: Uint8Array } | { error: string }> {
  const ownAsset = `${context.urls.cdn}/assets/`;
  const bytes = url.startsWith(ownAsset)
    ? ownAssetBytes(context, new URL(url))
    : await fetchImportUrl(url, {
        policy: context.options.uploadUrls,
        fetch: context.options.fetch,
        maxBytes: MAX_UPLOAD_FILE_BYTES,
      });
  if (bytes) return { bytes };
  const where = context.options.uploadUrls === 'public' ? 'a public http(s) address' : 'an http(s) URL';
  return { error: `Could not download ${url}: an import must be ${where} answering 200 with at most 100 MiB` };
}

function ownAssetBytes(context: EmulatorContext, url: URL): Uint8Array | undefined {
  const id = url.pathname.split('/').pop() ?? '';
  const refused = context.signer.check(`assets/${id}`, url.searchParams, context.options.clock.now());
  return refused ? undefined : (context.store.assets.get(id) ?? context.publicAssets.get(id))?.bytes;
}

/** Creates the assets of uploads whose validation time is up. */
export function settleUploads(context: EmulatorContext): void {
  const { store } = context;
  for (const upload of store.uploads.values()) {
    if (upload.entityId || !upload.validation || uploadStatus(context, upload) !== 'imported') continue;
    if (!('image' in upload.validation)) continue;
    const { image } = upload.validation;
    const options = upload.assetOptions ?? {};
    upload.entityId = store.addAsset(
      uploadedAsset(store, {
        ownerId: upload.ownerId,
        authorId: upload.authorId,
        image,
        createdAt: validatedAt(context, upload),
        name: upload.fileName,
        parentId: options.parentId,
        hide: options.hide,
        collectionIds: options.collectionIds,
      }),
    ).id;
  }
}

/** The upload as `/uploads` answers, with freshly signed part URLs while parts may still be sent. */
export function uploadView(context: EmulatorContext, upload: UploadRecord): WithUnknownFields<Upload> {
  const status = uploadStatus(context, upload);
  const expires = upload.createdAt + PART_URL_TTL_MS;
  const parts =
    status === 'pending' && upload.source === 'multipart'
      ? Array.from({ length: upload.partsCount }, (_, i) => ({
          number: i + 1,
          url: context.signer.sign(context.urls.cdn, `uploads/${upload.id}/parts/${i + 1}`, expires),
          expires: isoDate(expires),
        }))
      : undefined;
  return {
    id: upload.id,
    status,
    fileName: upload.fileName,
    originalFileName: upload.fileName,
    kind: upload.kind,
    source: upload.source,
    ...(upload.url === undefined ? {} : { url: upload.url }),
    contentType: upload.contentType,
    fileSize: upload.fileSize,
    partsCount: upload.partsCount,
    ...(parts ? { parts } : {}),
    jobId: upload.jobId,
    ...(upload.entityId ? { entityId: upload.entityId } : {}),
    ...(status === 'failed' && upload.validation && 'error' in upload.validation
      ? { errorMessage: upload.validation.error }
      : {}),
    ...(upload.assetOptions ? { assetOptions: upload.assetOptions } : {}),
    authorId: upload.authorId,
    ownerId: upload.ownerId,
    createdAt: isoDate(upload.createdAt),
    updatedAt: isoDate(upload.completedAt ?? upload.createdAt),
  };
}

/** An upload's job mirrors the upload: `queued`, `in-progress` while validating, then `success` with `metadata.output.entityId`. */
export function uploadJobState(context: EmulatorContext, job: JobRecord): JobState {
  const upload = context.store.uploads.get(job.uploadId as string) as UploadRecord;
  const status = uploadStatus(context, upload);
  const history: JobState['history'] = [{ status: 'queued', at: job.createdAt }];
  if (upload.completedAt !== undefined) history.push({ status: 'in-progress', at: upload.completedAt });
  if (status === 'imported' || status === 'failed') {
    history.push({ status: status === 'imported' ? 'success' : 'failure', at: validatedAt(context, upload) });
  }
  const last = history[history.length - 1] as { status: string };
  const metadata: JobState['metadata'] =
    status === 'imported' && upload.entityId
      ? { assetIds: [upload.entityId], output: { entityId: upload.entityId } }
      : status === 'failed' && upload.validation && 'error' in upload.validation
        ? { error: upload.validation.error, hint: 'Upload a valid image file.' }
        : {};
  return { status: last.status, progress: status === 'imported' ? 1 : 0, history, metadata };
}
