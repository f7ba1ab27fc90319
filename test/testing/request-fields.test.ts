import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { IGNORED_FIELDS_HEADER } from '../../src/testing/index.js';
import { dataUrl, download, runToEnd, setup, testImage, uploadImage, withImage } from './helpers.js';

describe('fields the swagger does not list', () => {
  test('are ignored as the real API does: the job runs, the fields are named in the state and a header', async () => {
    const { call, emulator, image } = await withImage();
    const answer = await call('POST', '/generate/img2img', {
      body: { modelId: 'flux.1-dev', prompt: 'p', image, type: 'img2img', dryRun: true, promt: 'typo' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get(IGNORED_FIELDS_HEADER)).toBe('type, dryRun, promt');
    expect(answer.body.job.metadata.input).not.toHaveProperty('promt');
    // A body `dryRun` is not a quote: the job was created (and, on the real API, billed).
    expect(emulator.state.counters.jobsCreated).toBe(1);
    expect(emulator.state.ignoredFields).toEqual([
      { method: 'POST', route: '/generate/img2img', fields: ['type', 'dryRun', 'promt'] },
    ]);
    const clean = await call('GET', '/jobs');
    expect(clean.headers.get(IGNORED_FIELDS_HEADER)).toBeNull();
    expect(emulator.state.ignoredFields).toHaveLength(1);
  });

  test('nested ones are named by their path; custom model inputs a model does not take too', async () => {
    const { call, emulator, image } = await withImage();
    await call('POST', '/uploads', {
      body: {
        fileName: 'a.png',
        contentType: 'image/png',
        fileSize: 9,
        parts: 1,
        kind: 'image',
        assetOptions: { tag: 1 },
      },
    });
    await call('POST', '/generate/custom/model_upscale-v3', { body: { image, scalingFactor: 2 } });
    expect(emulator.state.ignoredFields.map(({ route, fields }) => [route, fields])).toEqual([
      ['/uploads', ['assetOptions.tag']],
      ['/generate/custom/:modelId', ['scalingFactor']],
    ]);
  });

  test('strict: true refuses them with a 400 naming each, creating nothing', async () => {
    const { call, emulator, image } = await withImage({ strict: true });
    const answer = await call('POST', '/generate/remove-background', {
      body: { image, returnImage: false, originalAssets: true },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toBe(
      'Unknown field(s) returnImage, originalAssets: the real API ignores them, this emulator refuses them (strict mode)',
    );
    const custom = await call('POST', '/generate/custom/model_upscale-v3', { body: { image, upscalefactor: 2 } });
    expect(custom.body.reason).toMatch(/^Unknown field\(s\) upscalefactor:/);
    expect(emulator.state.counters.jobsCreated).toBe(0);
    expect(emulator.state.ignoredFields).toEqual([]);
  });
});

describe('values the swagger types its own way', () => {
  test('a string seed (as the swagger types it) renders exactly as the same number; assets echo it as a string', async () => {
    const context = setup();
    const body = { modelId: 'flux.1-dev', prompt: 'a blue slime', width: 64, height: 64 };
    const asString = await runToEnd(context, '/generate/txt2img', { ...body, seed: '42' });
    const asNumber = await runToEnd(context, '/generate/txt2img', { ...body, seed: 42 });
    const bytes = async (job: { metadata: { assetIds: string[] } }) => {
      const { asset } = (await context.call('GET', `/assets/${job.metadata.assetIds[0]}`)).body;
      expect(asset.metadata.seed).toBe('42');
      return download(context.emulator, asset.url);
    };
    expect(asNumber.metadata.input.seed).toBe(42);
    expect(asString.metadata.input.seed).toBe('42');
    expect(await bytes(asString)).toEqual(await bytes(asNumber));
  });

  test.each([
    ['/generate/img2img', { imageId: 'IMAGE' }, 'imageId'],
    ['/generate/inpaint', { imageId: 'IMAGE', maskId: 'IMAGE' }, 'maskId'],
    ['/generate/controlnet', { controlImageId: 'IMAGE', modality: 'canny' }, 'controlImageId'],
    ['/generate/controlnet-img2img', { image: 'IMAGE', controlImageId: 'IMAGE', modality: 'canny' }, 'controlImageId'],
    ['/generate/img2img-ip-adapter', { image: 'IMAGE', ipAdapterImageIds: ['IMAGE'] }, 'ipAdapterImageIds'],
    ['/generate/txt2img-ip-adapter', { ipAdapterImageId: 'IMAGE', ipAdapterScale: 0.5 }, 'ipAdapterImageId'],
    ['/generate/inpaint-ip-adapter', { image: 'IMAGE', mask: 'IMAGE', ipAdapterImage: 'IMAGE' }, 'ipAdapterImage'],
  ])('%s takes the deprecated alias %j', async (path, images, alias) => {
    const { call, emulator, image } = await withImage({ strict: true });
    const imageFor = (value: unknown) => (value === 'IMAGE' ? image : Array.isArray(value) ? [image] : value);
    const body = Object.fromEntries(Object.entries(images).map(([name, value]) => [name, imageFor(value)]));
    const answer = await call('POST', path, { body: { modelId: 'flux.1-dev', prompt: 'p', ...body } });
    expect(answer.status).toBe(200);
    expect(answer.body.job.metadata.input).toHaveProperty(alias);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test('the current field wins over its deprecated alias; style scales must match the images', async () => {
    const context = await withImage();
    const { call, image } = context;
    const other = (await uploadImage(call, await testImage(80, 64))).id;
    const job = await runToEnd(context, '/generate/img2img', {
      modelId: 'flux.1-dev',
      prompt: 'p',
      image: other,
      imageId: image,
    });
    const { asset } = (await call('GET', `/assets/${job.metadata.assetIds[0]}`)).body;
    expect(asset.metadata.parentId).toBe(other);
    expect(asset.properties).toMatchObject({ width: 80, height: 64 });
    const scales = await call('POST', '/generate/img2img-ip-adapter', {
      body: {
        modelId: 'flux.1-dev',
        prompt: 'p',
        image,
        ipAdapterImages: [image, other],
        ipAdapterScales: [0.2, 0.4, 0.6],
      },
    });
    expect(scales.body.reason).toBe(
      'ipAdapterScales has 3 values for 2 style images: give one per image, or one for all',
    );
    const missing = await call('POST', '/generate/txt2img-ip-adapter', {
      body: { modelId: 'flux.1-dev', prompt: 'p' },
    });
    expect(missing.body.reason).toBe('Input ipAdapterImages is required');
  });
});

describe('?dryRun', () => {
  test.each([['true'], [''], ['1'], ['TRUE'], ['yes']])(
    '?dryRun=%s is a quote (269, nothing created)',
    async (value) => {
      const { emulator, image } = await withImage();
      const response = await emulator.fetch(
        `${emulator.url}/generate/img2img?dryRun${value === '' ? '' : `=${value}`}`,
        {
          method: 'POST',
          headers: { authorization: `Basic ${btoa('k:s')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ modelId: 'flux.1-dev', prompt: 'p', image }),
        },
      );
      expect(response.status).toBe(269);
      expect(await response.json()).toMatchObject({ creativeUnitsCost: 5, job: {} });
      expect(emulator.state.counters.jobsCreated).toBe(0);
    },
  );

  test.each([['false'], ['0']])('?dryRun=%s runs the job', async (value) => {
    const { call, emulator, image } = await withImage();
    const answer = await call('POST', '/generate/img2img', {
      body: { modelId: 'flux.1-dev', prompt: 'p', image },
      query: { dryRun: value },
    });
    expect(answer.status).toBe(200);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });
});

describe('POST /assets', () => {
  test('a canvas with a thumbnail and no image becomes a canvas asset whose thumbnail is an image', async () => {
    const { call, emulator } = setup();
    const thumbnail = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const canvas = JSON.stringify({ layers: [{ type: 'image' }] });
    const answer = await call('POST', '/assets', {
      body: { name: 'scene.canvas', canvas, thumbnail: dataUrl(new Uint8Array(thumbnail)) },
    });
    expect(answer.status).toBe(200);
    const { asset } = answer.body;
    expect(asset).toMatchObject({
      kind: 'json',
      mimeType: 'application/json',
      metadata: { type: 'canvas', name: 'scene.canvas' },
      properties: { size: canvas.length },
      thumbnail: { assetId: expect.stringMatching(/^asset_/) },
    });
    expect(new TextDecoder().decode(await download(emulator, asset.url))).toBe(canvas);
    const thumb = await download(emulator, asset.thumbnail.url);
    expect((await sharp(thumb).metadata()).width).toBe(16);
    // The thumbnail is hidden from listings; the canvas is listed.
    const listed = (await call('GET', '/assets')).body.assets.map((a: { id: string }) => a.id);
    expect(listed).toEqual([asset.id]);
    // A canvas is not an image input.
    const refused = await call('POST', '/generate/img2img', {
      body: { modelId: 'flux.1-dev', prompt: 'p', image: asset.id },
    });
    expect(refused.body.reason).toBe(`Asset ${asset.id} (image) is not an image`);
  });
});
