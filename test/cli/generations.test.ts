import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { emulator, filesIn, folder, generateRequests, jsonLines, run, SKETCH } from './harness.js';

/** One run per generation subcommand: the flags it needs and the files it must write. */
const GENERATIONS = [
  {
    args: ['txt2img', '--model', 'flux.1-dev', '--prompt', 'a knight', '-n', '2', '--style-image', SKETCH],
    files: ['a-knight-1.png', 'a-knight-2.png'],
  },
  {
    args: ['inpaint', SKETCH, '--mask', SKETCH, '--model', 'flux.1-dev', '--prompt', 'a knight', '--influence', '30'],
    files: ['sketch-1.png'],
  },
  {
    args: ['img2img', SKETCH, '--model', 'flux.1-dev', '--prompt', 'a knight', '--influence', '20', '-n', '2'],
    files: ['sketch-1.png', 'sketch-2.png'],
  },
  {
    args: ['controlnet', SKETCH, '--model', 'flux.1-dev', '--prompt', 'a knight', '--modality', 'canny'],
    files: ['sketch-1.png'],
  },
  { args: ['detect', SKETCH, '--modality', 'canny'], files: ['sketch-1.png'] },
  { args: ['remove-background', SKETCH], files: ['sketch-1.png'] },
  { args: ['upscale', SKETCH, '--scaling-factor', '2', '--style-image', SKETCH], files: ['sketch-1.png'] },
  {
    args: ['custom', 'model_upscale-v3', '--input', `image=${SKETCH}`, '--input', 'upscaleFactor=2'],
    files: ['sketch-1.png'],
  },
  {
    args: [
      'txt2img',
      '--model',
      'flux.1-dev',
      '--prompt',
      'mossy stones',
      '--seamless',
      '--width',
      '64',
      '--height',
      '64',
    ],
    files: ['mossy-stones-1.png'],
    route: 'txt2img-texture',
  },
  {
    args: ['texture', SKETCH, '--raised', '0.6'],
    files: [
      'sketch-1.png',
      'sketch-2.png',
      'sketch-3.png',
      'sketch-4.png',
      'sketch-5.png',
      'sketch-6.png',
      'sketch-7.png',
    ],
  },
  { args: ['skybox', '--prompt', 'alien dunes', '--width', '256', '--style', 'fantasy'], files: ['alien-dunes-1.png'] },
  { args: ['skybox-upscale', SKETCH, '--scaling-factor', '2'], files: ['sketch-1.png'] },
  {
    args: [
      'pixelate',
      SKETCH,
      '--pixel-grid-size',
      '16',
      '--color-palette',
      '[[0,0,0],[255,255,255]]',
      '--remove-noise',
    ],
    files: ['sketch-1.png'],
  },
  { args: ['vectorize', SKETCH, '--color-mode', 'bw'], files: ['sketch-1.svg'] },
  {
    args: ['reframe', SKETCH, '--target-width', '128', '--target-height', '64', '--input-location', 'left'],
    files: ['sketch-1.png'],
  },
  { args: ['restyle', SKETCH, '--style-image', SKETCH, '--style-fidelity', '80'], files: ['sketch-1.png'] },
  { args: ['segment', SKETCH, '--result-image'], files: ['sketch-1.png', 'sketch-2.png'] },
  { args: ['generative-fill', SKETCH, '--mask', SKETCH, '--prompt', 'a crate'], files: ['sketch-1.png'] },
  { args: ['prompt-editing', SKETCH, '--prompt', 'a red cape', '--model', 'flux-kontext'], files: ['sketch-1.png'] },
  {
    args: [
      'patch',
      SKETCH,
      '--patch',
      JSON.stringify({ image: SKETCH, mode: 'override' }),
      '--position',
      '{"x":8,"y":8}',
    ],
    files: ['sketch-1.png'],
  },
  { args: ['caption', '--image', SKETCH, '--image', SKETCH], files: ['caption-*-1.json'], output: 'captions' },
  { args: ['describe-style', '--image', SKETCH], files: ['describe-style-*-1.json'], output: 'description' },
  {
    args: ['prompt', '--mode', 'inventive', '--prompt', 'a potion shop'],
    files: ['a-potion-shop-1.json'],
    output: 'prompts',
  },
  { args: ['translate', '--prompt', 'un chevalier'], files: ['un-chevalier-1.json'], output: 'translation' },
  { args: ['embed', '--text', 'a rusty sword'], files: ['embed-*-1.json'], output: 'embedding' },
];

describe.concurrent('scenario <generation>', { timeout: 60_000 }, () => {
  for (const { args, files, route, output } of GENERATIONS as {
    args: string[];
    files: string[];
    route?: string;
    output?: string;
  }[]) {
    it(`${args[0]} writes ${files.join(', ')} and prints one JSON object per result with --json`, async () => {
      const [cwd, api] = await Promise.all([folder(), emulator()]);
      const result = await run([...args, '--out', 'out', '--json'], cwd, api);
      expect(result.stderr).toBe('');
      expect(result.code, result.stderr + result.stdout).toBe(0);
      const [line, ...more] = jsonLines(result.stdout);
      expect(more).toEqual([]);
      // Files named after the job (no input, no prompt) have its id in place of `*`.
      const named = files.map((file) => file.replace('*', String(line?.jobId)));
      expect(filesIn(join(cwd, 'out'))).toEqual(named);
      expect(line).toMatchObject({
        status: 'done',
        jobId: expect.stringMatching(/^job_/),
        cost: expect.any(Number),
        files: named.map((file) => join('out', file)),
      });
      expect(api.state.counters.jobsCreated).toBe(1);
      if (route) expect(api.state.counters.requests[`POST /generate/${route}`]).toBe(1);
      const first = join(cwd, 'out', named[0] as string);
      if (output) {
        // A text result: in the JSON line and in the file.
        expect(line?.output).toHaveProperty(output);
        expect(JSON.parse(readFileSync(first, 'utf8'))).toEqual(line?.output);
      } else {
        const { width } = await sharp(first).metadata();
        expect(width).toBeGreaterThan(0);
      }
    });
  }

  it('prints a text result for people: each caption on its own line, a vector by its length', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const captions = await run(['caption', '--image', SKETCH, '--image', SKETCH], cwd, api);
    expect(captions.code, captions.stderr).toBe(0);
    expect(captions.stdout).toMatch(
      /^done {4}caption → caption-job_\w+-1\.json \(job_\w+, 2 CU\)\n {2}captions: .+\n {2}captions: .+$/m,
    );
    const vector = await run(['embed', '--text', 'a rusty sword'], cwd, api);
    expect(vector.stdout).toMatch(/^ {2}embedding: 1024 numbers$/m);
  });

  it('names outputs after each input and prints a line per result for people, a summary for several', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const second = join(cwd, 'hero.png');
    writeFileSync(second, await sharp(SKETCH).resize(32).png().toBuffer());
    const result = await run(['remove-background', SKETCH, second, '--out', 'cut'], cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(filesIn(join(cwd, 'cut'))).toEqual(['hero-1.png', 'sketch-1.png']);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => /^done .*→/.test(line))).toHaveLength(2);
    expect(result.stdout).toMatch(/^done\s+2\s+\d+$/m);
    // Not a terminal: no escape sequences, no carriage returns (nothing animated).
    const output = result.stdout + result.stderr;
    expect([output.includes('\r'), output.includes('\u001b')]).toEqual([false, false]);
  });

  it('refuses a bad flag value with the SDK message, naming the flag, on one line, exit 2 and no request', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const result = await run(
      ['img2img', SKETCH, '--model', 'flux.1-dev', '--prompt', 'a knight', '--influence', '200'],
      cwd,
      api,
    );
    expect(result.code, result.stderr + result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'scenario: --influence: Too big: expected number to be <=100',
    ]);
    expect(api.state.requests).toEqual([]);
  });

  it.each([
    [['img2img', SKETCH, '--model', 'm', '--prompt', 'p', '--promt', 'x'], /unknown option '--promt'/],
    [['img2img', 'missing.png', '--model', 'm', '--prompt', 'p'], /cannot read file "missing.png"/],
    [['img2img', SKETCH, '--prompt', 'p'], /^scenario: --model is required$/],
    [
      ['custom', 'model_upscale-v3', '--input', `image=${SKETCH}`, '--input', 'upscaleFactor=99'],
      /^scenario: model_upscale-v3: --input upscaleFactor: Too big: expected number to be <=16$/,
    ],
    [['jobs', 'wait'], /missing required argument 'jobs'/],
  ])('refuses %j: exit 2, one line, no generation request', async (args, message) => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const result = await run(args, cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(generateRequests(api)).toBe(0);
  });

  it('never overwrites an output without --force, and overwrites with it', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const args = ['detect', SKETCH, '--modality', 'canny', '--out', '.'];
    writeFileSync(join(cwd, 'sketch-1.png'), 'mine');
    const refused = await run(args, cwd, api);
    expect(refused.code, refused.stderr + refused.stdout).toBe(2);
    expect(refused.stderr).toMatch(/sketch-1\.png exists; pass --force/);
    expect(api.state.requests).toEqual([]);
    const forced = await run([...args, '--force'], cwd, api);
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    expect((await sharp(join(cwd, 'sketch-1.png')).metadata()).format).toBe('png');
  });

  it('estimate quotes with a dry run: the cost, and no job', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const result = await run(
      ['estimate', 'img2img', SKETCH, '--model', 'flux.1-dev', '--prompt', 'a knight', '-n', '4', '--json'],
      cwd,
      api,
    );
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      expect.objectContaining({ status: 'estimated', cost: expect.any(Number) }),
    ]);
    expect(generateRequests(api)).toBe(1);
    expect(api.state.counters.jobsCreated).toBe(0);
    expect(filesIn(cwd)).toEqual([]);
  });

  it('a failed job prints one line and exits 1', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ faults: { jobFailure: 1 } })]);
    const result = await run(['detect', SKETCH, '--modality', 'canny'], cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(1);
    expect(result.stdout).toMatch(/^failed\s+.*sketch\.png: .*job_\w+/m);
    expect(existsSync(join(cwd, 'sketch-1.png'))).toBe(false);
  });

  it('without credentials, says which env variables to set (exit 2)', async () => {
    const cwd = await folder();
    const result = await run(['detect', SKETCH, '--modality', 'canny'], cwd);
    expect(result.code, result.stderr + result.stdout).toBe(2);
    expect(result.stderr).toMatch(/^scenario: no credentials: set SCENARIO_API_KEY and SCENARIO_API_SECRET/);
  });

  it('--emulator runs offline, in-process', async () => {
    const cwd = await folder();
    const result = await run(['detect', SKETCH, '--modality', 'canny', '--emulator', '--out', 'maps'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(filesIn(join(cwd, 'maps'))).toEqual(['sketch-1.png']);
  });
});
