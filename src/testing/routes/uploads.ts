import { Hono } from 'hono';
import { UploadActionBodySchema, UploadCreateBodySchema } from '../../schemas/upload.js';
import { type AppEnv, AUTHOR_ID, type EmulatorContext } from '../context.js';
import { badRequest, findOwned } from '../errors.js';
import { parseWith, readJson } from '../request.js';
import type { UploadRecord } from '../store.js';
import { completeUpload, settleUploads, uploadView } from '../upload-lifecycle.js';

/** Upload kinds the emulator can import (it stores images only). */
const IMPORTABLE_KINDS = new Set(['image', 'asset']);

/** `POST /uploads`, `GET /uploads/{id}`, `POST /uploads/{id}/action` (complete). Parts go to signed URLs (see `cdn.ts`). */
export function uploadRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const find = (id: string, owner: string) => findOwned(context.store.uploads, id, owner, 'Upload');

  app.post('/uploads', async (c) => {
    const input = parseWith(UploadCreateBodySchema, await readJson(c));
    if (!IMPORTABLE_KINDS.has(input.kind))
      throw badRequest(`The emulator imports images only, not kind "${input.kind}"`);
    const { store, options } = context;
    const now = options.clock.now();
    const upload: UploadRecord = {
      id: store.id('upload'),
      ownerId: c.get('owner'),
      authorId: AUTHOR_ID,
      fileName: input.fileName,
      contentType: input.contentType,
      fileSize: input.fileSize,
      partsCount: input.parts,
      kind: input.kind,
      ...(input.assetOptions ? { assetOptions: input.assetOptions } : {}),
      createdAt: now,
      parts: new Map(),
      jobId: store.id('job'),
    };
    store.uploads.set(upload.id, upload);
    store.jobs.set(upload.jobId, {
      id: upload.jobId,
      jobType: 'upload',
      ownerId: upload.ownerId,
      authorId: AUTHOR_ID,
      createdAt: now,
      durationMs: 0,
      input: { fileName: input.fileName, kind: input.kind },
      cost: 0,
      uploadId: upload.id,
    });
    store.counters.uploadsCreated++;
    return c.json({ upload: uploadView(context, upload) });
  });

  app.get('/uploads/:uploadId', (c) =>
    c.json({ upload: uploadView(context, find(c.req.param('uploadId'), c.get('owner'))) }),
  );

  app.post('/uploads/:uploadId/action', async (c) => {
    const upload = find(c.req.param('uploadId'), c.get('owner'));
    parseWith(UploadActionBodySchema, await readJson(c));
    await completeUpload(context, upload);
    // With no validation time (`jobDurations.upload: 0`) the upload is imported at once: create
    // its asset now, so the answer carries its entityId.
    settleUploads(context);
    return c.json({ upload: uploadView(context, upload) });
  });

  return app;
}
