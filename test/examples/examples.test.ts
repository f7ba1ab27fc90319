/**
 * Runs the demo (`npm run demo` without the build step) and every example end to end, as child
 * processes on the emulator, each in its own temporary working directory. Needs a built `dist/`
 * (`npm test` builds it first): the examples import the package by name.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
/** A script still running after this is killed (and its test fails on the exit code). */
const TIMEOUT = 60_000;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any Scenario setting, so scripts take the emulator path unless told otherwise. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCENARIO_')));
  return { ...env, ...extra };
}

function runScript(script: string, args: string[], cwd: string, env = cleanEnv()): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(EXAMPLES, script), ...args],
      { cwd, env, timeout: TIMEOUT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-examples-'));
  made.push(dir);
  return dir;
}

async function pngs(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'testing', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
  }
});
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.concurrent('npm run demo', () => {
  it(
    'runs on the emulator: 4 PNGs in ./output, the job id and the cost, within 60 s',
    async () => {
      const cwd = await tempDir();
      const result = await runScript('demo.ts', [], cwd);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines.filter((line) => /emulator/i.test(line))).toHaveLength(1);
      expect(result.stdout).toMatch(/Job job_\w+ · cost 20 credits/);
      const files = await pngs(join(cwd, 'output'));
      expect(files).toEqual([
        'armored-knight-1.png',
        'armored-knight-2.png',
        'armored-knight-3.png',
        'armored-knight-4.png',
      ]);
      for (const file of files) {
        expect(result.stdout).toContain(join('output', file));
        const meta = await sharp(join(cwd, 'output', file)).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['png', 512, 512]);
      }
      // Not a terminal: progress comes as plain lines, no carriage returns.
      expect(result.stdout).not.toContain('\r');
      expect(result.stdout).toMatch(/img2img job_\w+: in-progress \d+%/);
      // No temporary files left behind.
      expect(await readdir(join(cwd, 'output'))).toHaveLength(4);
    },
    TIMEOUT,
  );

  describe('with credentials, against the API they point at', () => {
    let server: RunningEmulator;
    beforeAll(async () => {
      server = await startEmulator({ apiKey: 'key_test', apiSecret: 'secret_test', jobDurations: { flux: 1000 } });
    });
    afterAll(() => server.close());

    it(
      'uses the configured API instead of the emulator (--output to another directory)',
      async () => {
        const cwd = await tempDir();
        const env = cleanEnv({
          SCENARIO_API_KEY: 'key_test',
          SCENARIO_API_SECRET: 'secret_test',
          SCENARIO_BASE_URL: server.url,
        });
        const result = await runScript(
          'demo.ts',
          ['--samples', '2', '--output', 'renders', '--prompt', 'red dragon'],
          cwd,
          env,
        );
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).not.toMatch(/emulator/i);
        expect(result.stdout).toContain(`Using the Scenario API at ${server.url}`);
        expect(await pngs(join(cwd, 'renders'))).toEqual(['red-dragon-1.png', 'red-dragon-2.png']);
        expect(server.state.counters.jobsCreated).toBe(1);
      },
      TIMEOUT,
    );
  });

  it('--help lists every option', async () => {
    const result = await runScript('demo.ts', ['--help'], await tempDir());
    expect(result.code).toBe(0);
    for (const option of ['--prompt', '--influence', '--model', '--samples', '--input', '--output', '--live']) {
      expect(result.stdout).toContain(option);
    }
  });

  it.each([
    { case: 'a missing file', args: ['--input', 'missing.png'], message: /--input missing\.png: no such file/ },
    { case: 'a non-image file', args: ['--input', join(ROOT, 'package.json')], message: /expected an image/ },
    { case: 'a directory', args: ['--input', EXAMPLES], message: /not a file/ },
    {
      case: 'influence above 100',
      args: ['--influence', '150'],
      message: /--influence must be a number from 0 to 100/,
    },
    { case: 'influence not a number', args: ['--influence', 'lots'], message: /--influence must be a number/ },
    { case: 'samples out of range', args: ['--samples', '0'], message: /--samples must be a whole number/ },
    { case: 'an unknown flag', args: ['--colour', 'red'], message: /Unknown option '--colour'/ },
    { case: '--live without credentials', args: ['--live'], message: /--live needs SCENARIO_API_KEY/ },
  ])('refuses $case: one line on stderr, exit 1, nothing written', async ({ args, message }) => {
    const cwd = await tempDir();
    const result = await runScript('demo.ts', args, cwd);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^demo: /);
    expect(lines[0]).toMatch(message);
    expect(await readdir(cwd)).toEqual([]);
  });
});

/** Each file in `dir` is a PNG of `width`×`height`. */
async function expectPngsOfSize(dir: string, files: string[], width: number, height: number): Promise<void> {
  for (const file of files) {
    const meta = await sharp(join(dir, file)).metadata();
    expect([file, meta.format, meta.width, meta.height]).toEqual([file, 'png', width, height]);
  }
}

/** Mean red minus mean blue (0–255): how warm an image looks. */
async function warmth(file: string): Promise<number> {
  const { channels } = await sharp(file).stats();
  return (channels[0]?.mean ?? 0) - (channels[2]?.mean ?? 0);
}

/** What each example must print and write (under `output/<example>/` of its working directory). */
const EXAMPLE_CASES: {
  name: string;
  args?: string[];
  files: string[];
  check?: (stdout: string, dir: string) => Promise<void> | void;
}[] = [
  {
    name: 'pose-variations',
    args: ['--influence', '30'],
    files: ['knight-poses-1.png', 'knight-poses-2.png'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('Model: Knight Character (emulator) · influence 30');
      expect((await sharp(join(dir, 'knight-poses-1.png')).metadata()).width).toBe(1536);
    },
  },
  {
    name: 'character-evolution',
    files: ['sprite-sheet-1.png', 'sprite-sheet-2.png'],
    check: (stdout) => expect(stdout).toContain('three evolution stages'),
  },
  {
    name: 'refine-loop',
    files: ['round-1-1.png', 'round-1-2.png', 'round-2-1.png', 'round-2-2.png', 'round-3-1.png', 'round-3-2.png'],
    check: (stdout) => {
      const lineage = stdout.slice(stdout.indexOf('Lineage')).trim().split('\n').slice(1);
      expect(lineage).toHaveLength(4);
      const ids = lineage.map((line) => line.match(/^\s+(asset_\w+)/)?.[1]);
      const parents = lineage.map((line) => line.match(/parent (asset_\w+)/)?.[1]);
      expect(parents.slice(0, 3)).toEqual(ids.slice(1));
      expect(lineage[3]).toContain('uploaded sketch');
      expect(lineage.slice(0, 3).map((line) => line.match(/strength ([\d.]+)/)?.[1])).toEqual(['0.35', '0.5', '0.8']);
    },
  },
  {
    name: 'controlnet-pose',
    files: ['pose-map.png', 'restyled-1.png', 'restyled-2.png'],
    check: (stdout) => {
      expect(stdout).toMatch(/Pose map: asset_\w+/);
      expect(stdout).toMatch(/controlnet job_\w+ .*100% done/);
    },
  },
  {
    name: 'text-to-image',
    files: ['treasure-chest-1.png', 'treasure-chest-2.png', 'treasure-chest-3.png', 'treasure-chest-4.png'],
    check: async (stdout, dir) => {
      expect(stdout).toMatch(/txt2img job_\w+ .*100% done/);
      expect(stdout).toMatch(
        /Saved output\/text-to-image\/treasure-chest-1\.png, .*treasure-chest-4\.png · 20 credits/,
      );
      await expectPngsOfSize(dir, ['treasure-chest-1.png', 'treasure-chest-4.png'], 512, 512);
    },
  },
  {
    name: 'style-images',
    files: ['ember-palette.png', 'ember-1.png', 'ember-2.png', 'frost-palette.png', 'frost-1.png', 'frost-2.png'],
    check: async (stdout, dir) => {
      expect(stdout).toMatch(/^ember: output\/style-images\/ember-1\.png, \S+ \(style image asset_\w+, scale 0\.8\)$/m);
      expect(stdout).toMatch(/^frost: output\/style-images\/frost-1\.png, \S+ \(style image asset_\w+, scale 0\.8\)$/m);
      expect(stdout).toContain('The same sketch in 2 styles');
      await expectPngsOfSize(dir, ['ember-1.png', 'ember-2.png', 'frost-1.png', 'frost-2.png'], 512, 512);
      await expectPngsOfSize(dir, ['ember-palette.png', 'frost-palette.png'], 128, 128);
      // Each palette pulls the sketch its way: ember warm, frost cool.
      expect(await warmth(join(dir, 'ember-1.png'))).toBeGreaterThan(await warmth(join(dir, 'frost-1.png')));
    },
  },
  {
    name: 'train-a-style',
    files: ['lighthouse-cliff-1.png', 'lighthouse-cliff-2.png'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('Painted 8 sunset scenes to train on');
      expect(stdout).toMatch(/training model_\w+: running-train/);
      const model = stdout.match(/Trained (model_\w+) \(Sunset style\) on 8 images/)?.[1];
      expect(model).toBeDefined();
      expect(stdout).toContain(`client.txt2img.run({ modelId: '${model}'`);
      // The lighthouse takes the sunsets' palette: red about 150 above blue (the base model's: about 60).
      expect(await warmth(join(dir, 'lighthouse-cliff-1.png'))).toBeGreaterThan(100);
    },
  },
  {
    name: 'retouch',
    files: ['mask.png', 'retouched.png', 'varied-1.png', 'varied-2.png'],
    check: async (stdout, dir) => {
      await expectPngsOfSize(dir, ['mask.png', 'retouched.png', 'varied-1.png', 'varied-2.png'], 512, 512);
      const retouched = stdout.match(/Retouched: (asset_\w+) \(output\/retouch\/retouched\.png\)/)?.[1];
      expect(retouched).toBeDefined();
      const lineage = stdout.slice(stdout.indexOf('Lineage')).trim().split('\n').slice(1);
      expect(lineage).toHaveLength(3);
      const ids = lineage.map((line) => line.match(/^\s+(asset_\w+)/)?.[1]);
      const parents = lineage.map((line) => line.match(/parent (asset_\w+)/)?.[1]);
      expect(ids[1]).toBe(retouched);
      expect(parents.slice(0, 2)).toEqual(ids.slice(1));
      expect(lineage[0]).toMatch(/inference-img2img by job_\w+/);
      expect(lineage[1]).toMatch(/inference-inpaint by job_\w+/);
      expect(lineage[2]).toMatch(/asset_\w+ {2}uploaded$/);
      expect(stdout).toMatch(/vary \(influence 80\) job_\w+ .*100% done/);
    },
  },
  {
    name: 'enhance',
    files: ['enhanced.png'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('512×512 → 1024×1024');
      expect((await sharp(join(dir, 'enhanced.png')).metadata()).width).toBe(1024);
    },
  },
  {
    name: 'remove-background',
    files: ['cutout.png'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('(image/png, transparent background)');
      const { data } = await sharp(join(dir, 'cutout.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect((await sharp(join(dir, 'cutout.png')).metadata()).hasAlpha).toBe(true);
      expect(data[3]).toBe(0); // the paper corner is cut away
    },
  },
  {
    name: 'library',
    files: ['from-library.png'],
    check: (stdout) => {
      expect(stdout).toMatch(/Page 1:\n {2}asset_\w+ {2}evolution\.png/);
      expect(stdout).toMatch(/Page 2:\n {2}asset_\w+ {2}sketch\.png/);
      expect(stdout).toMatch(/Picked asset_\w+ \(poses\.png\) as the reference/);
    },
  },
  {
    name: 'estimate-cost',
    files: ['knight-cutout.png'],
    check: (stdout) => {
      const estimated = stdout.match(/Estimated total: (\d+) credits/)?.[1];
      expect(estimated).toBeDefined();
      expect(stdout).toContain(`Actual total: ${estimated} credits (estimated ${estimated})`);
    },
  },
  {
    name: 'stone-texture',
    files: [
      'stone-tile.png',
      ...['albedo', 'ao', 'edge', 'height', 'metallic', 'normal', 'smoothness'].map((map) => `stone-${map}.png`),
    ],
    check: async (stdout, dir) => {
      expect(stdout).toContain('(256×256, tileable)');
      expect(stdout).toMatch(/^Maps: albedo, normal, height, smoothness, metallic, ao, edge → /m);
      await expectPngsOfSize(dir, ['stone-tile.png', 'stone-normal.png', 'stone-height.png'], 256, 256);
      // The tile wraps: its last column continues its first about as smoothly as neighbours do.
      const { data, info } = await sharp(join(dir, 'stone-tile.png')).raw().toBuffer({ resolveWithObject: true });
      const column = (x: number) =>
        Array.from({ length: info.height }, (_, y) => data[(y * info.width + x) * info.channels] ?? 0);
      const gap = (a: number[], b: number[]) =>
        a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length;
      expect(gap(column(info.width - 1), column(0))).toBeLessThan(2 * gap(column(10), column(11)) + 4);
    },
  },
  {
    name: 'skybox',
    files: ['skybox.png', 'skybox-2x.png'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('Skybox 512×256');
      await expectPngsOfSize(dir, ['skybox.png'], 512, 256);
      await expectPngsOfSize(dir, ['skybox-2x.png'], 1024, 512);
    },
  },
  {
    name: 'pixel-sprites',
    files: ['sprite-1.png', 'sprite-2.png', 'sprite-3.png', 'sprite-sheet.png'],
    check: async (stdout, dir) => {
      expect(stdout).toMatch(/Sheet: .*sprite-sheet\.png \(\d+×\d+, 3 sprites\)/);
      const sprite = await sharp(join(dir, 'sprite-1.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect(sprite.data[3]).toBe(0); // the background is cut away
      const widths = await Promise.all(
        ['sprite-1.png', 'sprite-2.png', 'sprite-3.png'].map(
          async (file) => (await sharp(join(dir, file)).metadata()).width ?? 0,
        ),
      );
      expect((await sharp(join(dir, 'sprite-sheet.png')).metadata()).width).toBe(widths.reduce((a, b) => a + b, 0));
    },
  },
  {
    name: 'vector-icons',
    files: ['shield.svg', 'health-potion.svg', 'sword.svg'],
    check: async (stdout, dir) => {
      expect(stdout).toContain('Icons (SVG, poster)');
      expect(await readFile(join(dir, 'sword.svg'), 'utf8')).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="256" height="256"/,
      );
    },
  },
  {
    name: 'batch',
    files: Array.from({ length: 20 }, (_, i) => `variation-${String(i + 1).padStart(2, '0')}.png`),
    check: (stdout) => {
      expect(stdout).toMatch(
        /20\/20 variations saved to output\/batch\/ · [1-9]\d* × 429 absorbed · 0 lost · 100 credits/,
      );
    },
  },
];

describe.concurrent('examples', () => {
  it.each(EXAMPLE_CASES)(
    '$name runs on the emulator and writes its outputs',
    async ({ name, args = [], files, check }) => {
      const cwd = await tempDir();
      const result = await runScript(`${name}.ts`, args, cwd);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toMatch(/running on the local emulator/);
      const dir = join(cwd, 'output', name);
      expect((await readdir(dir)).sort()).toEqual([...files].sort());
      await check?.(result.stdout, dir);
    },
    TIMEOUT,
  );

  it.each(EXAMPLE_CASES.map(({ name }) => name))('%s --help prints its usage', async (name) => {
    const result = await runScript(`${name}.ts`, ['--help'], await tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: node examples/${name}\\.ts`));
  });
});
