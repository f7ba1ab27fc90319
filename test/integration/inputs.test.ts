import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { PermissionDeniedError } from '../../src/index.js';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { imageInfo, MODES, QUICK, requestsTo, SKETCH_PATH } from './setup.js';

const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };

/** An uncompressed PNG of random noise, `size` pixels square. */
async function noisePng(size: number): Promise<Uint8Array> {
  const png = await sharp({ create: { width: size, height: size, channels: 4, background: '#000000', noise } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return new Uint8Array(png);
}

// Made once per file and shared by the tests of both modes (the SDK never writes to input bytes).
let large: Promise<Uint8Array> | undefined;
/** A PNG of noise over the inline limit, so it must go through the multipart `/uploads` flow. */
const largePng = () => (large ??= noisePng(1100));

let pair: Promise<[Uint8Array, Uint8Array]> | undefined;
/** Two different ~3 MB PNGs of noise, together over the inline limit. */
const threeMBPair = () => (pair ??= Promise.all([noisePng(860), noisePng(860)]));

describe.concurrent.each(MODES)('image inputs and outputs end to end ($name)', (mode) => {
  test("an output asset's signed url works as the next reference; downloadTo writes the file", async () => {
    const { emulator, client } = await mode.start();
    const first = await client.img2img.run(
      { modelId: 'flux.1-dev', image: SKETCH_PATH, prompt: 'a knight', influence: 20, width: 256, height: 256 },
      QUICK,
    );
    const draft = first.assets[0];
    if (!draft) throw new Error('no draft');

    // The signed URL is fetched (without auth) and the bytes inlined into the next request.
    const next = await client.img2img.run(
      { modelId: 'flux.1-dev', image: draft.url, prompt: 'a knight, refined', influence: 60 },
      QUICK,
    );
    expect(next.assets[0]?.properties).toMatchObject({ width: 256, height: 256 });
    expect(next.job.metadata.input?.strength).toBe(0.4);
    expect(requestsTo(emulator, 'GET /cdn/assets/:assetId')).toBeGreaterThanOrEqual(1);

    const dir = await mkdtemp(join(tmpdir(), 'scenario-integration-'));
    try {
      const file = join(dir, 'refined.png');
      await client.assets.downloadTo(next.assets[0] as (typeof next.assets)[number], file);
      const written = new Uint8Array(await readFile(file));
      expect(written).toEqual(await client.assets.download(next.assets[0]?.id as string));
      expect(await imageInfo(written)).toMatchObject({ format: 'png', width: 256, height: 256 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a large image from a file path is uploaded in parts that each state their length', async () => {
    const { emulator, client } = await mode.start();
    const big = await largePng();
    const dir = await mkdtemp(join(tmpdir(), 'scenario-integration-'));
    try {
      const file = join(dir, 'big.png');
      await writeFile(file, big);
      // Over HTTP the emulator refuses a chunked part PUT (501), as S3 does.
      const asset = await client.assets.upload(file);
      expect(emulator.state.counters.uploadsCreated).toBe(1);
      expect(requestsTo(emulator, 'PUT /cdn/uploads/:uploadId/parts/:partNumber')).toBeGreaterThanOrEqual(1);
      expect(Buffer.from(await client.assets.download(asset)).equals(big)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a large image goes through the multipart /uploads flow and can be generated from', async () => {
    const { emulator, client } = await mode.start();
    const big = await largePng();
    expect(big.byteLength).toBeGreaterThan(MAX_INLINE_IMAGE_BYTES);

    const asset = await client.assets.upload(big, { name: 'big.png' });
    expect(emulator.state.counters.uploadsCreated).toBe(1);
    expect(requestsTo(emulator, 'POST /assets')).toBe(0);
    expect(asset.properties).toMatchObject({ width: 1100, height: 1100 });
    // (Buffer.equals: a deep toEqual over 6 MB takes seconds.)
    expect(Buffer.from(await client.assets.download(asset)).equals(big)).toBe(true);

    // Given as bytes to a generation, it is uploaded the same way and sent as an asset id.
    const { job, assets } = await client.img2img.run(
      { modelId: 'flux.1-dev', image: big, prompt: 'a knight', influence: 20, width: 256, height: 256 },
      QUICK,
    );
    expect(emulator.state.counters.uploadsCreated).toBe(2);
    expect(job.metadata.input?.image).toMatch(/^asset_/);
    expect(job.metadata.input?.image).not.toBe(asset.id);
    expect(assets[0]?.metadata.parentId).toBe(job.metadata.input?.image);
    expect(assets[0]?.properties).toMatchObject({ width: 256, height: 256 });

    // The input uploaded on the caller's behalf is hidden: out of listings, unlike the explicit upload.
    const implicit = await client.assets.get(job.metadata.input?.image as string);
    expect(implicit.isHidden).toBe(true);
    const listed: string[] = [];
    for await (const listedAsset of client.assets.list()) listed.push(listedAsset.id);
    expect(listed).toContain(asset.id);
    expect(listed).not.toContain(implicit.id);
  });

  test('two ~3 MB images in one controlnet request: one inlined, the other uploaded hidden', async () => {
    const { emulator, client } = await mode.start();
    const [init, control] = await threeMBPair();
    expect(init.byteLength + control.byteLength).toBeGreaterThan(MAX_INLINE_IMAGE_BYTES);

    const { job } = await client.controlnet.run(
      { modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: init, controlImage: control },
      QUICK,
    );
    expect(requestsTo(emulator, 'POST /assets')).toBe(1);
    expect(emulator.state.counters.uploadsCreated).toBe(0);
    // An uploaded control image travels as `controlImageId`, an inlined one as `controlImage`.
    const input = job.metadata.input ?? {};
    const inputIds = [input.image, input.controlImage ?? input.controlImageId] as string[];
    const inputs = await client.assets.getMany(inputIds);
    expect(inputs.map((input) => input.isHidden)).toContain(true);
    const listed: string[] = [];
    for await (const listedAsset of client.assets.list({ type: 'uploaded' })) listed.push(listedAsset.id);
    for (const input of inputs.filter((input) => input.isHidden)) expect(listed).not.toContain(input.id);
  });

  test('a per-call projectId scopes the whole run: submit, polls, asset fetch and download', async () => {
    const { emulator, client } = await mode.start({ projectId: 'proj_game_art' });
    const options = { projectId: 'proj_game_art' };
    const { job, assets } = await client.removeBackground.run({ image: SKETCH_PATH }, { ...QUICK, ...options });
    expect(job.ownerId).toBe('proj_game_art');
    expect(assets[0]?.ownerId).toBe('proj_game_art');
    expect(await imageInfo(await client.assets.download(assets[0]?.id as string, options))).toMatchObject({
      hasAlpha: true,
    });
    // An API key belongs to its project (the emulator's projectId): without projectId it reads the
    // same project, and another project is refused.
    expect((await client.assets.list()).items.map((listed) => listed.id)).toContain(assets[0]?.id);
    await expect(client.assets.list({}, { projectId: 'proj_other' })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await client.jobs.list({}, options)).items.map((listed) => listed.jobId)).toEqual([job.jobId]);
    expect((await emulator.state.jobs()).map((stored) => stored.ownerId)).toEqual(['proj_game_art']);
  });
});
