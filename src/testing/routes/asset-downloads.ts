import { Hono } from 'hono';
import { signedAssetUrl } from '../asset-view.js';
import type { AppEnv, EmulatorContext } from '../context.js';
import { badRequest, findOwned, notFound } from '../errors.js';
import { isTargetFormat, TARGET_FORMATS } from '../images/convert.js';
import { createJob, jobStatus } from '../job-lifecycle.js';
import { readBody, readJson } from '../request.js';
import type { AssetRecord } from '../store.js';
import { zip } from '../zip.js';

/** The real API's batch limit. */
const MAX_ARCHIVE_ASSETS = 1000;
/** How long an archive's signed URL stays valid, in clock time. */
const ARCHIVE_URL_TTL_MS = 24 * 3600 * 1000;

/** `POST /assets/download` body, as the swagger contract has checked it. */
interface DownloadRequest {
  query: { assetIds: string[]; inferenceIds: string[]; modelIds: string[] };
  options: { fileNameTemplate: string; flat?: boolean };
}

/**
 * `POST /assets/download` (an `assets-download` job that zips the chosen assets: by id, by the
 * job that made them, by model), `GET /assets/download/{jobId}` (its status, and once it
 * succeeded a signed `downloadUrl` of the ZIP), and `POST /assets/{assetId}/download`
 * `{ targetFormat }` (a signed `url` of one image converted, which the swagger does not list but
 * the live API answers and pipeline scripts call).
 */
export function assetDownloadRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/assets/download', async (c) => {
    const { query, options } = (await readBody(context, c)) as unknown as DownloadRequest;
    const owner = c.get('owner');
    const chosen = [...context.store.assets.values()].filter(
      (asset) =>
        asset.ownerId === owner &&
        (query.assetIds.includes(asset.id) ||
          query.inferenceIds.includes(String(asset.metadata.parentJobId)) ||
          query.modelIds.includes(String(asset.metadata.modelId))),
    );
    if (chosen.length > MAX_ARCHIVE_ASSETS) {
      throw badRequest(`At most ${MAX_ARCHIVE_ASSETS} assets per archive, got ${chosen.length}`);
    }
    const archive = zip(archiveEntries(chosen, options));
    const job = createJob(
      context,
      {
        jobType: 'assets-download',
        input: { query, options },
        cost: 0,
        outputType: 'archive',
        outputMetadata: {},
        hideResults: true,
        render: async () => [],
      },
      owner,
      false,
    );
    context.store.archives.set(job.id, archive);
    return c.json({ jobId: job.id });
  });

  app.get('/assets/download/:jobId', (c) => {
    const job = findOwned(context.store.jobs, c.req.param('jobId'), c.get('owner'), 'Download job');
    if (!context.store.archives.has(job.id)) throw notFound(`Download job ${job.id} not found`);
    const status = jobStatus(context, job);
    const expires = context.options.clock.now() + ARCHIVE_URL_TTL_MS;
    const url =
      status === 'success' ? { downloadUrl: context.signer.sign(context.urls.cdn, `archives/${job.id}`, expires) } : {};
    return c.json({ jobId: job.id, jobStatus: status, ...url });
  });

  app.post('/assets/:assetId/download', async (c) => {
    const asset = findOwned(context.store.assets, c.req.param('assetId'), c.get('owner'), 'Asset');
    const { targetFormat } = (await readJson(c)) as { targetFormat?: unknown };
    if (!isTargetFormat(targetFormat)) {
      throw badRequest(
        `Invalid target format ${JSON.stringify(targetFormat)}: use one of ${Object.keys(TARGET_FORMATS).join(', ')}`,
      );
    }
    if (asset.kind !== 'image') throw badRequest(`Asset ${asset.id} is not an image and cannot be converted`);
    return c.json({ url: signedAssetUrl(context, asset.id, targetFormat) });
  });

  return app;
}

/**
 * The archive's files: named by `fileNameTemplate` (`<seed>`, `<num>` the output index,
 * `<prompt>`, `<generator>` the model), in a folder per job unless `flat`, never two alike.
 */
function archiveEntries(assets: readonly AssetRecord[], options: DownloadRequest['options']) {
  const taken = new Set<string>();
  return assets.map((asset) => {
    const { seed = '', prompt = '', modelId = '', parentJobId } = asset.metadata;
    const stem =
      options.fileNameTemplate
        .replaceAll('<seed>', String(seed))
        .replaceAll('<num>', String(asset.outputIndex ?? 0))
        .replaceAll('<prompt>', String(prompt))
        .replaceAll('<generator>', String(modelId))
        .replace(/[\\/:*?"<>|]+/g, '_')
        .replace(/\p{Cc}+/gu, '_')
        .slice(0, 120) || asset.id;
    const folder = options.flat ? '' : `${typeof parentJobId === 'string' ? parentJobId : 'uploaded'}/`;
    const extension = asset.mimeType.split('/')[1]?.replace('jpeg', 'jpg').replace(/\+.*/, '') ?? 'bin';
    let name = `${folder}${stem}.${extension}`;
    for (let copy = 2; taken.has(name); copy++) name = `${folder}${stem}-${copy}.${extension}`;
    taken.add(name);
    return { name, bytes: asset.bytes };
  });
}
