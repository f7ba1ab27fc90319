/**
 * Bundle: min+gzip size of a browser ESM bundle (esbuild, as size-limit's esbuild plugin builds
 * it) of `import { Scenario } from 'scenario-sdk'`, of the whole entry, and of an app that only
 * imports the `Assets` and `Img2Img` classes (tree-shaking). Built from `src/` so no `npm run
 * build` is needed; `npm run size` (`.size-limit.json`) checks the built `dist/` the same way.
 * Goal: `{ Scenario }` ≤ 20 KB.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type BenchRow, publish, repoRoot } from './_harness.js';

const GOAL_BYTES = 20_000;

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
  const ownOnly = await bundle(scenarioCode, true, ['zod', 'p-retry']);
  const withoutZod = await bundle(scenarioCode, true, ['zod']);
  const some = await bundle("import { Assets, Img2Img } from 'scenario-sdk'; globalThis.sdk = [Assets, Img2Img];");
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
      goal: `≤ ${kb(GOAL_BYTES)}`,
      ok: scenario.gzipped <= GOAL_BYTES,
      note: `minified bytes by origin: ${shares}. Min+gzip, the SDK's own code is ${kb(ownOnly.gzipped)} with every dependency left out, zod adds ${kb(scenario.gzipped - withoutZod.gzipped)} (zod/mini and its English messages; the classic API was 27.4 KB) and p-retry ${kb(withoutZod.gzipped - ownOnly.gzipped)}. 20 KB would need a smaller core: the SDK's own code alone is near the goal`,
    },
    { bench, measure: 'whole entry (import *), min+gzip', value: kb(whole.gzipped), goal: '' },
    {
      bench,
      measure: 'import { Assets, Img2Img } only, min+gzip',
      value: `${kb(some.gzipped)}; upscale/controlnet/detect code absent: ${absent(some.text) ? 'yes' : 'NO'}`,
      goal: 'tree-shakes',
      ok: absent(some.text) && some.gzipped < scenario.gzipped,
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
