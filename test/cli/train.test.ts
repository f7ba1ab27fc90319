/**
 * `scenario train <folder>` run as the built bin against the emulator over HTTP: a model trained
 * on a folder, resumable after a kill (one model, each image sent once), Ctrl-C's report, then
 * `scenario txt2img --model <trained id>`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/testing/index.js';
import { emulator, filesIn, folder, jsonLines, run, start } from './harness.js';

const IMAGES = 8;
const STATE = '.scenario-training.json';

/** A folder `art/` of `count` small red images, the first one captioned. */
async function artFolder(count = IMAGES): Promise<{ cwd: string; art: string }> {
  const cwd = await folder();
  const art = join(cwd, 'art');
  await mkdir(art);
  for (let index = 0; index < count; index++) {
    const background = { r: 150 + index * 10, g: 30, b: 40 };
    await sharp({ create: { width: 48, height: 48, channels: 3, background } })
      .png()
      .toFile(join(art, `piece-${index + 1}.png`));
  }
  writeFileSync(join(art, 'piece-1.txt'), 'a red square\n');
  return { cwd, art };
}

/** What the state file holds, or `{}` before it exists. */
function stateOf(art: string): {
  modelId?: string;
  images?: Record<string, { trainingImageId: string }>;
  cost?: number;
} {
  const path = join(art, STATE);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}

/** Resolves once `check` holds for the state file (checked every 10 ms). */
async function untilState(art: string, check: (state: ReturnType<typeof stateOf>) => boolean): Promise<void> {
  for (;;) {
    try {
      if (check(stateOf(art))) return;
    } catch {
      // Read between two writes of the file: look again.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const requests = (api: RunningEmulator, key: string) => api.state.counters.requests[key] ?? 0;

describe.concurrent('scenario train', { timeout: 90_000 }, () => {
  it('trains on a folder (captions from .txt files), prints the model and its cost; txt2img --model uses it', async () => {
    const [{ cwd }, api] = await Promise.all([artFolder(), emulator({ jobDurations: { 'model-training': 1000 } })]);
    const result = await run(['train', 'art', '--name', 'Studio style', '--preset', 'style'], cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const state = stateOf(join(cwd, 'art'));
    const modelId = state.modelId as string;
    expect(result.stdout).toBe(
      `trained  ${modelId}  "Studio style" (flux.1-lora) on ${IMAGES} images · ${state.cost} CU\n` +
        `Generate with it: scenario txt2img --model ${modelId} --prompt "…"\n`,
    );
    expect(Object.keys(state.images ?? {})).toHaveLength(IMAGES);
    expect(requests(api, 'POST /models')).toBe(1);
    expect(requests(api, 'POST /models/:modelId/training-images')).toBe(IMAGES);
    expect(requests(api, 'PUT /assets/:assetId')).toBe(1);
    const model = (await api.state.assets()).find((asset) => asset.description === 'a red square');
    expect(model?.id).toBe(state.images?.['piece-1.png']?.trainingImageId);

    const again = await run(['train', 'art', '--name', 'Studio style', '--preset', 'style', '--json'], cwd, api);
    expect(again.code).toBe(0);
    expect(jsonLines(again.stdout)).toEqual([
      {
        modelId,
        name: 'Studio style',
        type: 'flux.1-lora',
        status: 'trained',
        trainingImages: IMAGES,
        cost: state.cost,
      },
    ]);
    expect(requests(api, 'POST /models/:modelId/training-images')).toBe(IMAGES);
    expect(requests(api, 'PUT /models/:modelId/train')).toBe(1);

    const generated = await run(['txt2img', '--model', modelId, '--prompt', 'a castle', '--out', 'out'], cwd, api);
    expect(generated.code, generated.stderr).toBe(0);
    expect(filesIn(join(cwd, 'out'))).toEqual(['a-castle-1.png']);
  });

  it('killed half-way (SIGKILL) and run again: one model, each image uploaded once, trained', async () => {
    // Every answer 300 ms late: the kill lands while uploads are in flight (added on the server, not yet recorded).
    const [{ cwd, art }, api] = await Promise.all([
      artFolder(),
      emulator({ latency: 300, jobDurations: { 'model-training': 1000 } }),
    ]);
    const args = ['train', 'art', '--name', 'Studio style'];
    const first = start(args, cwd, api);
    await untilState(art, (state) => Object.keys(state.images ?? {}).length >= 1);
    first.child.kill('SIGKILL');
    const stopped = await first.done;
    expect(stopped.signal).toBe('SIGKILL');
    const recorded = Object.keys(stateOf(art).images ?? {}).length;
    expect(recorded).toBeLessThan(IMAGES);
    expect(requests(api, 'PUT /models/:modelId/train')).toBe(0);

    const again = await run(args, cwd, api);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(again.stdout).toMatch(/^trained {2}model_\w+ {2}"Studio style" \(flux\.1-lora\) on 8 images/);
    expect(requests(api, 'POST /models')).toBe(1);
    expect(requests(api, 'POST /models/:modelId/training-images')).toBe(IMAGES);
    expect(requests(api, 'PUT /models/:modelId/train')).toBe(1);
    const state = stateOf(art);
    expect(new Set(Object.values(state.images ?? {}).map((image) => image.trainingImageId)).size).toBe(IMAGES);
  });

  it('two runs on one folder: one trains, the other is refused before sending, naming the pid', async () => {
    const [{ cwd, art }, api] = await Promise.all([
      artFolder(),
      emulator({ latency: 100, jobDurations: { 'model-training': 1000 } }),
    ]);
    const args = ['train', 'art', '--name', 'Studio style'];
    const first = start(args, cwd, api);
    await untilState(art, (state) => state.modelId !== undefined);
    const second = await run(args, cwd, api);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `^scenario: art/${STATE} is in use by another run \\(pid ${first.child.pid}, since \\S+\\): .*nothing was sent`,
      ),
    );
    const finished = await first.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(requests(api, 'POST /models')).toBe(1);
    expect(requests(api, 'PUT /models/:modelId/train')).toBe(1);
    expect(existsSync(join(art, `${STATE}.lock`))).toBe(false);
  });

  it('a run killed before recording what it made finds it again: the model by name and time, an image by name', async () => {
    const [{ cwd, art }, api] = await Promise.all([artFolder(), emulator({ jobDurations: { 'model-training': 500 } })]);
    const since = new Date(Date.now() - 1000).toISOString();
    const post = (path: string, body: unknown) =>
      fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa('api_cli:cli-secret')}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<Record<string, { id: string }>>);
    // What the killed run did: created the model, added piece-3.png; what it recorded: only that it began creating.
    const { model } = await post('/models', { name: 'Studio style', type: 'flux.1-lora' });
    const image = `data:image/png;base64,${readFileSync(join(art, 'piece-3.png')).toString('base64')}`;
    const { trainingImage } = await post(`/models/${model?.id}/training-images`, { data: image, name: 'piece-3.png' });
    const state = {
      version: 1,
      api: api.url,
      name: 'Studio style',
      type: 'flux.1-lora',
      creatingSince: since,
      images: {},
    };
    writeFileSync(join(art, STATE), JSON.stringify(state));

    const result = await run(['train', 'art', '--name', 'Studio style'], cwd, api);
    expect(result.code, result.stderr).toBe(0);
    expect(stateOf(art).modelId).toBe(model?.id);
    expect(stateOf(art).images?.['piece-3.png']?.trainingImageId).toBe(trainingImage?.id);
    expect(requests(api, 'POST /models')).toBe(1);
    expect(requests(api, 'POST /models/:modelId/training-images')).toBe(IMAGES);
  });

  it('Ctrl-C while it trains prints how to resume or cancel; --cancel cancels it', async () => {
    const [{ cwd, art }, api] = await Promise.all([
      artFolder(5),
      emulator({ jobDurations: { 'model-training': 30_000 } }),
    ]);
    const args = ['train', 'art', '--name', 'Studio style'];
    const first = start(args, cwd, api);
    await untilState(art, (state) => state.cost !== undefined);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    const { modelId } = stateOf(art);
    expect(stopped.stderr).toBe(
      `Interrupted.\nModel ${modelId} keeps training on the server (billed).\n` +
        "Resume with:\n  scenario train art --name 'Studio style'\n" +
        "Cancel with:\n  scenario train art --name 'Studio style' --cancel\n",
    );
    const canceled = await run([...args, '--cancel'], cwd, api);
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(canceled.stdout).toBe(`canceled  ${modelId}: its training stopped (training-canceled)\n`);
    const again = await run(args, cwd, api);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/was canceled; --retry-failed trains it again/);
  });

  it('refuses before any request: too few images, a non-image, unknown flags values; all at once, naming the flags', async () => {
    const [{ cwd, art }, api] = await Promise.all([artFolder(3), emulator()]);
    const few = await run(['train', 'art', '--preset', 'anime', '-p', 'nbEpochs=99'], cwd, api);
    expect(few.code).toBe(2);
    expect(few.stderr).toBe(
      'scenario: --preset: Invalid option: expected one of "default"|"style"|"subject"; --parameter nbEpochs: Too big: expected number to be <=30; art: a flux.1-lora trains on 5 to 100 images; got 3\n',
    );
    writeFileSync(join(art, 'notes.png'), '{"not": "an image"}');
    writeFileSync(join(art, 'more.png'), readFileSync(join(art, 'piece-1.png')));
    const bad = await run(['train', 'art'], cwd, api);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^scenario: notes\.png: expected an image .*\n$/);
    expect(api.state.requests).toEqual([]);
    expect(existsSync(join(art, STATE))).toBe(false);
  });

  it('a failed training exits 1, naming the model', async () => {
    const [{ cwd }, api] = await Promise.all([
      artFolder(5),
      emulator({ faults: { jobFailure: 1 }, jobDurations: { 'model-training': 500 } }),
    ]);
    const result = await run(['train', 'art', '--name', 'Studio style'], cwd, api);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^failed {2}model_\w+: Training of model model_\w+ failed\./);
  });
});
