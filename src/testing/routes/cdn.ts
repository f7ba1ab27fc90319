import { Hono } from 'hono';
import { readBodyBytes } from '../body-limit.js';
import type { AppEnv, EmulatorContext } from '../context.js';
import { convertImage, isTargetFormat, TARGET_FORMATS } from '../images/convert.js';

/** An S3-style XML error, as the storage behind signed URLs answers (not the API's JSON). */
function storageError(status: number, code: string, message: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(body, { status, headers: { 'content-type': 'application/xml' } });
}

const file = (bytes: Uint8Array, contentType: string) =>
  new Response(new Uint8Array(bytes), {
    headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) },
  });
const noSuchKey = () => storageError(404, 'NoSuchKey', 'The specified key does not exist.');

/**
 * The signed URLs: asset and archive downloads, upload parts. No API auth here, as on the real CDN and
 * S3; the signature in the query is what is checked, so a client that edits it gets a 403.
 */
export function cdnRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const refusal = (resource: string, url: string) => {
    const why = context.signer.check(resource, new URL(url).searchParams, context.options.clock.now());
    return why ? storageError(403, 'AccessDenied', why) : undefined;
  };

  app.get('/assets/:assetId', (c) => {
    const id = c.req.param('assetId');
    const denied = refusal(`assets/${id}`, c.req.url);
    if (denied) return denied;
    const asset = context.store.assets.get(id) ?? context.publicAssets.get(id);
    return asset ? file(asset.bytes, asset.mimeType) : noSuchKey();
  });

  // An image converted by `POST /assets/{assetId}/download`, at read time.
  app.get('/assets/:assetId/:format', async (c) => {
    const { assetId, format } = c.req.param();
    const denied = refusal(`assets/${assetId}/${format}`, c.req.url);
    if (denied) return denied;
    const asset = context.store.assets.get(assetId);
    if (!asset || !isTargetFormat(format)) return noSuchKey();
    return file(await convertImage(asset.bytes, format), TARGET_FORMATS[format]);
  });

  app.get('/archives/:jobId', (c) => {
    const jobId = c.req.param('jobId');
    const denied = refusal(`archives/${jobId}`, c.req.url);
    if (denied) return denied;
    const archive = context.store.archives.get(jobId);
    return archive ? file(archive, 'application/zip') : noSuchKey();
  });

  app.put('/uploads/:uploadId/parts/:partNumber', async (c) => {
    const { uploadId, partNumber } = c.req.param();
    const denied = refusal(`uploads/${uploadId}/parts/${partNumber}`, c.req.url);
    if (denied) return denied;
    const upload = context.store.uploads.get(uploadId);
    if (!upload || upload.completedAt !== undefined) {
      return storageError(404, 'NoSuchUpload', 'The specified upload does not exist or was completed.');
    }
    // As S3 does: a signed PUT must state its length up front (only visible over HTTP).
    if (c.req.header('transfer-encoding')) {
      return storageError(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented');
    }
    // The parts together may not outgrow the announced file: read no more than what is left of it.
    const number = Number(partNumber);
    const others = [...upload.parts].reduce((sum, [n, part]) => (n === number ? sum : sum + part.byteLength), 0);
    const bytes = await readBodyBytes(c.req.raw, upload.fileSize - others);
    if (!bytes) {
      return storageError(
        400,
        'EntityTooLarge',
        `The parts are larger than the fileSize announced (${upload.fileSize} bytes).`,
      );
    }
    upload.parts.set(number, bytes);
    return new Response(null, { headers: { etag: `"${uploadId}-${partNumber}-${bytes.byteLength}"` } });
  });

  return app;
}
