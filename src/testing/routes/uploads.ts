import { Hono } from 'hono';
import { type AppEnv, AUTHOR_ID, type EmulatorContext } from '../context.js';
import { badRequest, findOwned } from '../errors.js';
import { readBody } from '../request.js';
import type { UploadRecord } from '../store.js';
import {
  completeUpload,
  importFromUrl,
  MAX_UPLOAD_FILE_BYTES,
  MAX_UPLOAD_PARTS,
  settleUploads,
  uploadView,
} from '../upload-lifecycle.js';

/** Upload kinds the emulator can import (it stores images only). */
const IMPORTABLE_KINDS = new Set(['image', 'asset']);
/** What a multipart upload must announce; a URL import needs only `url` and `kind`. */
const MULTIPART_FIELDS = ['fileName', 'contentType', 'fileSize', 'parts', 'kind'] as const;

/** `POST /uploads` body fields, as the swagger contract has checked them. */
interface UploadCreate {
  fileName?: string;
  contentType?: string;
  fileSize?: number;
  parts?: number;
  kind?: string;
  url?: string;
  civitaiModelUrl?: string;
  huggingFaceModelName?: string;
  assetOptions?: UploadRecord['assetOptions'];
}

/**
 * `POST /uploads` (multipart, or an import from `url`), `GET /uploads/{id}`,
 * `POST /uploads/{id}/action` (complete). Parts go to signed URLs (see `cdn.ts`).
 */
export function uploadRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const find = (id: string, owner: string) => findOwned(context.store.uploads, id, owner, 'Upload');

  app.post('/uploads', async (c) => {
    const input = (await readBody(context, c)) as UploadCreate;
    if (input.civitaiModelUrl !== undefined || input.huggingFaceModelName !== undefined) {
      throw badRequest('The emulator imports images only, not models (civitaiModelUrl, huggingFaceModelName)');
    }
    const missing = input.url === undefined ? MULTIPART_FIELDS.find((field) => input[field] === undefined) : undefined;
    if (missing) throw badRequest(`Input ${missing} is required for a multipart upload (or send url and kind)`);
    if (input.url === undefined) checkMultipartSize(input as Required<UploadCreate>);
    if (input.kind === undefined) throw badRequest('Input kind is required with url');
    if (!IMPORTABLE_KINDS.has(input.kind))
      throw badRequest(`The emulator imports images only, not kind "${input.kind}"`);
    const { store, options } = context;
    const now = options.clock.now();
    const upload: UploadRecord = {
      id: store.id('upload'),
      ownerId: c.get('owner'),
      authorId: AUTHOR_ID,
      source: input.url === undefined ? 'multipart' : 'url',
      ...(input.url === undefined ? {} : { url: input.url }),
      fileName: input.fileName ?? fileNameOf(input.url ?? ''),
      contentType: input.contentType ?? '',
      fileSize: input.fileSize ?? 0,
      partsCount: input.parts ?? 0,
      kind: input.kind,
      ...(input.assetOptions ? { assetOptions: input.assetOptions } : {}),
      createdAt: now,
      parts: new Map(),
      jobId: store.id('job'),
    };
    if (input.url !== undefined) await importFromUrl(context, upload, input.url);
    store.uploads.set(upload.id, upload);
    store.jobs.set(upload.jobId, {
      id: upload.jobId,
      jobType: 'upload',
      ownerId: upload.ownerId,
      authorId: AUTHOR_ID,
      createdAt: now,
      durationMs: 0,
      input: { fileName: upload.fileName, kind: input.kind },
      cost: 0,
      uploadId: upload.id,
    });
    store.counters.uploadsCreated++;
    settleUploads(context);
    return c.json({ upload: uploadView(context, upload) });
  });

  app.get('/uploads/:uploadId', (c) =>
    c.json({ upload: uploadView(context, find(c.req.param('uploadId'), c.get('owner'))) }),
  );

  app.post('/uploads/:uploadId/action', async (c) => {
    const upload = find(c.req.param('uploadId'), c.get('owner'));
    await readBody(context, c);
    await completeUpload(context, upload);
    // With no validation time (`jobDurations.upload: 0`) the upload is imported at once: create
    // its asset now, so the answer carries its entityId.
    settleUploads(context);
    return c.json({ upload: uploadView(context, upload) });
  });

  return app;
}

/**
 * A multipart upload's announced size, before anything is kept for it: at most S3's 10,000
 * parts (a billion made the emulator sign a billion part URLs) and a file the emulator can hold.
 */
function checkMultipartSize({ parts, fileSize }: { parts: number; fileSize: number }): void {
  if (!Number.isInteger(parts) || parts < 1 || parts > MAX_UPLOAD_PARTS) {
    throw badRequest(`Input parts must be a whole number from 1 to ${MAX_UPLOAD_PARTS} (S3's limit), got ${parts}`);
  }
  if (!Number.isInteger(fileSize) || fileSize < 1 || fileSize > MAX_UPLOAD_FILE_BYTES) {
    throw badRequest(
      `Input fileSize must be a whole number of bytes from 1 to ${MAX_UPLOAD_FILE_BYTES} (the emulator keeps files in memory: 100 MiB at most), got ${fileSize}`,
    );
  }
}

/** The last path segment of a URL, as the file name of what it imports. */
function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || 'import';
  } catch {
    return 'import';
  }
}
