import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { type Asset, fileExtension, type Progress } from '../../index.js';
import { AssetListQuerySchema, AssetUploadParamsSchema, parseInput } from '../../schemas.js';
import { EXIT, oneLine, Problems, UsageError } from '../errors.js';
import { addFlags, flagsOf, flagWords, inUserWords, paramsFromOptions } from '../flags.js';
import { fileStem } from '../paths.js';
import { usageAt } from '../plan.js';
import { downloadAsset } from '../sdk.js';
import { type Runtime, type Session, withSession } from '../session.js';
import { listCommand } from './list.js';

/** `scenario assets upload|list|download`. */
export function assetsCommand(runtime: Runtime): Command {
  const assets = new Command('assets').description('upload, list and download assets');
  assets.addCommand(uploadCommand(runtime));
  assets.addCommand(
    listCommand<Asset>({
      description: 'assets, newest first',
      query: AssetListQuerySchema,
      list: (client, query) => client.assets.list(query),
      columns: [
        ['asset', (asset) => asset.id],
        ['type', (asset) => String(asset.metadata.type ?? asset.kind)],
        ['size', (asset) => `${asset.properties.width ?? '?'}×${asset.properties.height ?? '?'}`],
        ['created', (asset) => asset.createdAt ?? ''],
      ],
    }),
  );
  assets
    .command('download')
    .description('download assets as <asset-id>.<ext>')
    .argument('<assets...>', 'asset ids')
    .option('-o, --out <dir>', 'folder for the files', '.')
    .option('--force', 'overwrite existing files')
    .action((ids: string[], _options: unknown, self: Command) =>
      withSession(self, async (session) => {
        const { out, force } = self.opts<{ out: string; force?: boolean }>();
        for (const id of ids) await downloadOne(session, id, { out, force: force === true }, runtime);
      }),
    );
  return assets;
}

function uploadCommand(runtime: Runtime): Command {
  // The progress callback is the command's own, not a flag.
  const flags = flagsOf(AssetUploadParamsSchema, ['onUploadProgress']);
  const command = new Command('upload')
    .description('upload images; prints their asset ids')
    .argument('<files...>', 'image files (or URLs)');
  addFlags(command, flags);
  return command.action((files: string[], _options: unknown, self: Command) =>
    withSession(self, async ({ client, reporter }) => {
      const params = paramsFromOptions(flags, self.opts());
      if (params.name !== undefined && files.length > 1) throw new UsageError('--name names one upload');
      // The flags and every file are checked before the first upload, every problem reported.
      const problems = new Problems();
      problems.check(undefined, () => {
        try {
          parseInput(AssetUploadParamsSchema, params, 'assets.upload params');
        } catch (error) {
          throw inUserWords(error, flagWords(flags));
        }
      });
      for (const file of files) {
        try {
          await client.assets.inspect(file);
        } catch (error) {
          problems.add(undefined, usageAt(file, error));
        }
      }
      problems.throwIfAny();
      for (const file of files) {
        const bar = reporter.transfer(`↑ ${basename(file)}`);
        bar.update(0, sizeOf(file));
        try {
          const onUploadProgress = ({ transferredBytes, totalBytes }: Progress) =>
            bar.update(transferredBytes, totalBytes || undefined);
          const asset = await client.assets.upload(file, { ...params, onUploadProgress }, { signal: runtime.signal });
          reporter.result({ file, assetId: asset.id, asset }, `uploaded ${file} → ${asset.id}`);
        } catch (error) {
          reporter.result({ file, status: 'failed', error: oneLine(error) }, `failed   ${file}: ${oneLine(error)}`);
          runtime.exitCode = EXIT.failed;
        } finally {
          bar.stop();
        }
      }
    }),
  );
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined; // a URL
  }
}

async function downloadOne(
  session: Session,
  id: string,
  { out, force }: { out: string; force: boolean },
  runtime: Runtime,
): Promise<void> {
  const { client, reporter } = session;
  try {
    const asset = await client.assets.get(id);
    // The id names a file in `--out`, nothing else.
    const path = join(out, `${fileStem(id)}.${fileExtension(asset.mimeType)}`);
    if (!force && existsSync(path))
      throw new UsageError(`${path} exists; pass --force to overwrite it, or another --out`);
    mkdirSync(out, { recursive: true });
    const bar = reporter.transfer(`↓ ${basename(path)}`);
    try {
      await downloadAsset(client, asset, path, runtime.signal, (received, total) => bar.update(received, total));
    } finally {
      bar.stop();
    }
    reporter.result({ assetId: id, file: path }, `downloaded ${id} → ${path}`);
  } catch (error) {
    reporter.result({ assetId: id, status: 'failed', error: oneLine(error) }, `failed     ${id}: ${oneLine(error)}`);
    runtime.exitCode = EXIT.failed;
  }
}
