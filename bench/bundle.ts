/**
 * Bundle: min+gzip size of a browser ESM bundle (esbuild, as size-limit's esbuild plugin builds
 * it) of `import { Scenario } from 'scenario-sdk'`, of the whole entry, and of an app that only
 * imports the `Assets` and `Img2Img` classes (tree-shaking). Built from `src/` so no `npm run
 * build` is needed; `npm run size` (`.size-limit.json`) checks the built `dist/` the same way.
 * Goals: `{ Scenario }` ≤ 30 KB, `{ Img2Img, Assets }` ≤ 22 KB.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type BenchRow, publish, repoRoot } from './_harness.js';

const SCENARIO_GOAL_BYTES = 30_000;
const SOME_GOAL_BYTES = 22_000;

interface Bundle {
  minified: number;
  gzipped: number;
  /** Minified bytes per dependency (`src` for the SDK's own code). */
  byPackage: Record<string, number>;
  text: string;
}

/** Bundles `code` (which imports the SDK as `scenario-sdk`) for browsers, minified. */
export async function bundle(code: string, minify = true, external: string[] = []): Promise<Bundle> {
  const result = await build({
    stdin: { contents: code, resolveDir: repoRoot(), loader: 'js' },
    alias: { 'scenario-sdk': join(repoRoot(), 'src', 'index.ts') },
    external,
    bundle: true,
    minify,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minified: output.byteLength,
    gzipped: gzipSync(output, { level: 9 }).byteLength,
    byPackage: byPackage(result.metafile),
    text: new TextDecoder().decode(output),
  };
}

function byPackage(metafile: Metafile): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'src';
      sizes[name] = (sizes[name] ?? 0) + bytesInOutput;
    }
  }
  return sizes;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export async function run(): Promise<BenchRow[]> {
  const scenarioCode = "import { Scenario } from 'scenario-sdk'; globalThis.sdk = Scenario;";
  const scenario = await bundle(scenarioCode);
  const whole = await bundle("import * as sdk from 'scenario-sdk'; globalThis.sdk = sdk;");
  const some = await bundle("import { Assets, Img2Img } from 'scenario-sdk'; globalThis.sdk = [Assets, Img2Img];");
  // What each dependency adds, min+gzip: the SDK's own code alone, then the dependencies put back one by one.
  const dependencies = ['zod', 'ky', 'p-retry'];
  const steps = await Promise.all(
    dependencies.map((_, index) => bundle(scenarioCode, true, dependencies.slice(index))),
  );
  const sizes = [...steps, scenario].map((step) => step.gzipped);
  const added = dependencies.map(
    (name, index) => `${name} ${kb((sizes[index + 1] as number) - (sizes[index] as number))}`,
  );
  const shares = Object.entries(scenario.byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
  const bench = 'bundle';
  return [
    {
      bench,
      measure: 'import { Scenario }: browser ESM, min+gzip',
      value: `${kb(scenario.gzipped)} (${kb(scenario.minified)} min)`,
      goal: `≤ ${kb(SCENARIO_GOAL_BYTES)}`,
      ok: scenario.gzipped <= SCENARIO_GOAL_BYTES,
      note: `Min+gzip, the SDK's own code is ${kb(sizes[0] as number)}; then ${added.join(', ')}. Minified bytes by origin: ${shares}`,
    },
    { bench, measure: 'whole entry (import *), min+gzip', value: kb(whole.gzipped), goal: '' },
    {
      bench,
      measure: 'import { Assets, Img2Img } only, min+gzip',
      value: `${kb(some.gzipped)}; upscale/controlnet/detect code absent: ${absent(some.text) ? 'yes' : 'NO'}`,
      goal: `≤ ${kb(SOME_GOAL_BYTES)}, tree-shakes`,
      ok: absent(some.text) && some.gzipped <= SOME_GOAL_BYTES,
    },
  ];
}

/** True when none of the other generation endpoints made it into the bundle. */
export function absent(text: string): boolean {
  return ['/generate/upscale', '/generate/controlnet', '/generate/detect', '/generate/remove-background'].every(
    (route) => !text.includes(route),
  );
}

if (import.meta.main) publish(await run());
