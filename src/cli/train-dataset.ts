import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InvalidRequestError, type Scenario, type TrainingImageInput } from '../index.js';
import { UsageError } from './errors.js';

/** File extensions a training folder's images have; other files (captions, notes, the state file) are not images. */
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif', '.tif', '.tiff', '.heic']);

/** One image of a training folder, with its caption when a `<name>.txt` lies beside it. */
export interface DatasetImage {
  /** The file's name in the folder: the training image's name, and its key in the state file. */
  file: string;
  path: string;
  caption?: string | undefined;
}

/**
 * The images of a training folder, in name order (sub-folders are not read). A text file of the
 * same name (`fox.png` and `fox.txt`) is the image's caption.
 */
export async function readDataset(folder: string): Promise<DatasetImage[]> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${folder}: ${error.code === 'ENOTDIR' ? 'not a folder' : 'no such folder'}`);
  });
  const files = names.filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase())).sort();
  return Promise.all(
    files.map(async (file) => {
      const caption = await readFile(join(folder, `${basename(file, extname(file))}.txt`), 'utf8').then(
        (text) => text.trim() || undefined,
        () => undefined,
      );
      return { file, path: join(folder, file), caption };
    }),
  );
}

/** The images as the SDK's training image inputs. */
export const trainingInputs = (images: readonly DatasetImage[]): TrainingImageInput[] =>
  images.map(({ path, caption }) => (caption === undefined ? path : { image: path, caption }));

/** Reads every image, sending nothing: one that is not an image (whatever its extension) is a usage error, all of them at once. */
export async function checkImages(client: Scenario, images: readonly DatasetImage[]): Promise<void> {
  const problems = await Promise.all(
    images.map((image) =>
      client.assets.inspect(image.path).then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof InvalidRequestError)) throw error;
          return `${image.file}: ${error.issues.map((issue) => issue.message).join(', ')}`;
        },
      ),
    ),
  );
  const found = problems.filter((problem) => problem !== undefined);
  if (found.length > 0) throw new UsageError(found.join('; '));
}
