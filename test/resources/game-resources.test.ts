/**
 * The game-pipeline resources on the wire: each sends its route the swagger's field names, image
 * inputs resolved (uploaded as hidden assets where the route takes asset ids only), refuses what
 * no route takes before any request, and reads its own result: maps by name, or text from the
 * answer (or, failing that, from the finished job's `metadata.output`).
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { JobError } from '../../src/core/errors.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import {
  assetWire,
  expectInvalid,
  FAST,
  fakeGenerationApi,
  jobWire,
  PNG,
  PNG_DATA_URL,
  sizedImage,
} from './fake-generation.js';

const server = useMockServer();

describe('seamless picks the -texture route', () => {
  const base = { modelId: 'flux.1-dev', prompt: 'cobblestones', seamless: true } as const;
  it.each([
    [
      'txt2img',
      { ...base, width: 512 },
      '/generate/txt2img-texture',
      { modelId: 'flux.1-dev', prompt: 'cobblestones', width: 512 },
    ],
    [
      'img2img',
      { ...base, image: 'asset_x', influence: 20 },
      '/generate/img2img-texture',
      { modelId: 'flux.1-dev', prompt: 'cobblestones', image: 'asset_x', strength: 0.8 },
    ],
    [
      'controlnet',
      { ...base, image: 'asset_x', modality: 'depth' },
      '/generate/controlnet-texture',
      { modelId: 'flux.1-dev', prompt: 'cobblestones', image: 'asset_x', modality: 'depth' },
    ],
  ] as const)('%s', async (resource, params, path, body) => {
    const api = fakeGenerationApi(server);
    await (testClient()[resource].create as (p: unknown) => Promise<unknown>)(params);
    expect(api.bodies(path)).toEqual([body]);
  });

  it('seamless: false keeps the plain route', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({ modelId: 'flux.1-dev', prompt: 'p', seamless: false });
    expect(api.bodies('/generate/txt2img')).toEqual([{ modelId: 'flux.1-dev', prompt: 'p' }]);
  });

  it.each([
    ['txt2img with style images', 'txt2img', { ...base, styleImages: 'asset_s' }, 'styleImages'],
    ['txt2img with aspectRatio', 'txt2img', { ...base, aspectRatio: '16:9' }, 'aspectRatio'],
    ['img2img with style images', 'img2img', { ...base, image: 'asset_x', styleImages: 'asset_s' }, 'styleImages'],
    [
      'controlnet on an init image',
      'controlnet',
      { ...base, image: 'asset_x', modality: 'canny', controlImage: 'asset_c' },
      'controlImage',
    ],
  ] as const)('refuses %s: no -texture route takes it', async (_name, resource, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(
      (testClient()[resource].create as (p: unknown) => Promise<unknown>)(params),
      field,
      /does not combine with seamless/,
    );
    expect(api.seen).toHaveLength(0);
  });
});

describe('wire bodies of the new routes', () => {
  it('texture: a local texture is uploaded hidden, then sent as an asset id', async () => {
    const api = fakeGenerationApi(server);
    await testClient().texture.create({ texture: PNG, raised: 0.7, invert: true });
    const [upload] = api.bodies('/assets');
    expect(upload).toMatchObject({ image: PNG_DATA_URL, hide: true });
    expect(api.bodies('/generate/texture')).toEqual([{ texture: 'asset_uploaded', raised: 0.7, invert: true }]);
  });

  it('pixelate and vectorize upload too; pixelate sends the removeNoise the API requires', async () => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await client.pixelate.create({ image: PNG, pixelGridSize: 64, colorPaletteSize: 16 });
    await client.vectorize.create({ image: 'asset_icon', preset: 'custom', mode: 'spline', cornerThreshold: 60 });
    expect(api.bodies('/generate/pixelate')).toEqual([
      { image: 'asset_uploaded', pixelGridSize: 64, colorPaletteSize: 16, removeNoise: false },
    ]);
    expect(api.bodies('/generate/vectorize')).toEqual([
      { image: 'asset_icon', preset: 'custom', mode: 'spline', cornerThreshold: 60 },
    ]);
  });

  it('skybox: the starting image inlined, structure and style references uploaded (asset ids only)', async () => {
    const api = fakeGenerationApi(server);
    await testClient().skybox.create({
      prompt: 'a desert',
      image: PNG,
      structureImage: PNG,
      styleImages: ['asset_style', PNG],
      width: 2048,
      style: 'fantasy',
    });
    expect(api.bodies('/generate/skybox-base-360')).toEqual([
      {
        prompt: 'a desert',
        width: 2048,
        style: 'fantasy',
        image: PNG_DATA_URL,
        structureImage: 'asset_uploaded',
        styleImages: ['asset_style', 'asset_uploaded'],
      },
    ]);
  });

  it('generativeFill: a mask as bytes travels as a data URL in mask, an asset id as maskId', async () => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    const [image, mask] = await Promise.all([sizedImage(8, 8), sizedImage(8, 8, 'png', 'black')]);
    await client.generativeFill.create({ image, mask, prompt: 'a crate' });
    await client.generativeFill.create({ image: 'asset_scene', mask: 'asset_mask' });
    const [inlined, ids] = api.bodies('/generate/generative-fill');
    expect(Object.keys(inlined ?? {}).sort()).toEqual(['image', 'mask', 'prompt']);
    expect(ids).toEqual({ image: 'asset_scene', maskId: 'asset_mask' });
  });

  it('patch: both images resolved, the nested patch keeps its mode', async () => {
    const api = fakeGenerationApi(server);
    await testClient().patch.create({
      image: 'asset_wall',
      patch: { image: PNG, mode: 'erase' },
      position: { x: -4, y: 8 },
      allowOverflow: true,
      backgroundColor: 'transparent',
    });
    expect(api.bodies('/generate/patch')).toEqual([
      {
        image: 'asset_wall',
        patch: { image: PNG_DATA_URL, mode: 'erase' },
        position: { x: -4, y: 8 },
        allowOverflow: true,
        backgroundColor: 'transparent',
      },
    ]);
  });

  it('caption: every image in images, asset ids and data URLs alike', async () => {
    const api = fakeGenerationApi(server);
    server.use(
      http.post(`${API}/generate/caption`, async ({ request }) => {
        api.seen.push({
          method: 'POST',
          path: '/generate/caption',
          query: new URL(request.url).searchParams,
          body: (await request.json()) as Record<string, unknown>,
        });
        return HttpResponse.json({ job: jobWire('job_c', 'success', 1), captions: ['a', 'b'] });
      }),
    );
    await testClient().caption.run({ images: ['asset_hero', PNG], temperature: 0.2 });
    expect(api.bodies('/generate/caption')).toEqual([{ images: ['asset_hero', PNG_DATA_URL], temperature: 0.2 }]);
  });
});

describe('refused before any request', () => {
  it.each([
    [
      'pixelate: a grid size not in 16–256 powers',
      'pixelate',
      { image: 'asset_x', pixelGridSize: 48 },
      'pixelGridSize',
    ],
    [
      'pixelate: palette and palette size',
      'pixelate',
      { image: 'asset_x', pixelGridSize: 32, colorPalette: [[0, 0, 0]], colorPaletteSize: 4 },
      'colorPaletteSize',
    ],
    [
      'pixelate: a colour of two channels',
      'pixelate',
      { image: 'asset_x', pixelGridSize: 32, colorPalette: [[0, 0]] },
      'colorPalette[0]',
    ],
    [
      'vectorize: tuning with a preset that ignores it',
      'vectorize',
      { image: 'asset_x', preset: 'bw', mode: 'spline' },
      'mode',
    ],
    ['skybox: an odd width', 'skybox', { prompt: 'a sky', width: 1020 }, 'width'],
    ['skybox: no prompt', 'skybox', { style: 'photo' }, 'prompt'],
    [
      'reframe: resizeOption above 100',
      'reframe',
      { image: 'asset_x', targetWidth: 512, targetHeight: 512, resizeOption: 150 },
      'resizeOption',
    ],
    ['restyle: no style image', 'restyle', { image: 'asset_x', styleImages: [] }, 'styleImages'],
    ['segment: an unknown checkpoint', 'segment', { image: 'asset_x', checkpoint: 'sam_xl' }, 'checkpoint'],
    [
      'promptEditing: an unknown model',
      'promptEditing',
      { image: 'asset_x', prompt: 'p', modelId: 'dall-e' },
      'modelId',
    ],
    [
      'patch: transparent jpeg',
      'patch',
      { image: 'asset_x', patch: { image: 'asset_p', mode: 'erase' }, format: 'jpeg', backgroundColor: 'transparent' },
      'backgroundColor',
    ],
    ['describeStyle: nothing to describe', 'describeStyle', { temperature: 0.5 }, 'images'],
    ['prompt: image-editing without an image', 'prompt', { mode: 'image-editing' }, 'image'],
    ['translate: an empty prompt', 'translate', { prompt: '  ' }, 'prompt'],
    ['embed: an unknown key', 'embed', { text: 'sword', dimensions: 256 }, ''],
    ['caption: no image', 'caption', { images: [] }, 'images'],
  ] as const)('%s', async (_name, resource, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid((testClient()[resource].create as (p: unknown) => Promise<unknown>)(params), field);
    expect(api.seen).toHaveLength(0);
  });

  it('generativeFill: a mask of another size than its image', async () => {
    const api = fakeGenerationApi(server);
    const [image, mask] = await Promise.all([sizedImage(8, 8), sizedImage(8, 16)]);
    await expectInvalid(testClient().generativeFill.create({ image, mask }), 'mask', /8×16 but the image is 8×8/);
    expect(api.seen).toHaveLength(0);
  });
});

describe('results of their own', () => {
  it('texture: the output assets by map name, read from metadata.type; a newer map kept under its name', async () => {
    fakeGenerationApi(server, ['asset_n', 'asset_h', 'asset_new']);
    const types: Record<string, string> = {
      asset_n: 'texture-normal',
      asset_h: 'texture-height',
      asset_new: 'texture-sheen',
    };
    server.use(
      http.post(`${API}/assets/get-bulk`, async ({ request }) => {
        const { assetIds } = (await request.json()) as { assetIds: string[] };
        return HttpResponse.json({
          assets: assetIds.map((id) => ({ ...assetWire(id), metadata: { type: types[id] } })),
        });
      }),
    );
    const { maps, assets } = await testClient().texture.run({ texture: 'asset_stone' }, FAST);
    expect(assets.map((asset) => asset.id)).toEqual(['asset_n', 'asset_h', 'asset_new']);
    expect(maps.normal?.id).toBe('asset_n');
    expect(maps.height?.id).toBe('asset_h');
    expect((maps as Record<string, { id: string }>).sheen?.id).toBe('asset_new');
  });

  it('text from the answer, with no poll', async () => {
    const seen: string[] = [];
    server.use(
      http.all(`${API}/*`, ({ request }) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return HttpResponse.json({
          job: jobWire('job_t', 'success', 1),
          translation: 'a knight',
          detectedLanguage: 'fr',
          unrelated: true,
        });
      }),
    );
    const result = await testClient().translate.run({ prompt: 'un chevalier' }, FAST);
    expect(result).toEqual({
      job: expect.objectContaining({ jobId: 'job_t' }),
      translation: 'a knight',
      detectedLanguage: 'fr',
    });
    expect(seen).toEqual(['POST /v1/generate/translate']);
  });

  it('an answer without the text: the job is awaited and its metadata.output read', async () => {
    server.use(
      http.post(`${API}/generate/prompt`, () => HttpResponse.json({ job: jobWire('job_p', 'queued', 0) })),
      http.get(`${API}/jobs/job_p`, () =>
        HttpResponse.json({
          job: jobWire('job_p', 'success', 1, { assetIds: [], output: { prompts: ['one', 'two'] } }),
        }),
      ),
    );
    const generation = await testClient().prompt.create({ mode: 'inventive', prompt: 'a forge' });
    expect((await generation.wait(FAST)).prompts).toEqual(['one', 'two']);
  });

  it('a job that succeeds without the text is a JobError naming it', async () => {
    server.use(
      http.post(`${API}/generate/embed`, () => HttpResponse.json({ job: jobWire('job_e', 'queued', 0) })),
      http.get(`${API}/jobs/job_e`, () => HttpResponse.json({ job: jobWire('job_e', 'success', 1, { assetIds: [] }) })),
    );
    const error = await testClient()
      .embed.run({ text: 'a sword' }, FAST)
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ jobId: 'job_e', message: expect.stringMatching(/job_e .*embedding/) });
  });
});
