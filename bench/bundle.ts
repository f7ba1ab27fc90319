/**
 * Bundle: min+gzip size of a browser ESM bundle (esbuild, as size-limit's esbuild plugin builds
 * it) of `import { Scenario } from 'scenario-sdk'`, of the whole entry, and of a form that only
 * validates with `Img2ImgParamsSchema` from `scenario-sdk/schemas` (which must leave the client,
 * ky and p-retry out), and openai-node's `import OpenAI` beside them. Built from `src/` so no `npm run build` is needed; `npm run size`
 * (`.size-limit.json`) checks the built `dist/` the same way. Goals: `{ Scenario }` ≤ 30 KB, the
 * form ≤ 15 KB.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type BenchRow, publish, repoRoot } from './_harness.js';

const SCENARIO_GOAL_BYTES = 30_000;
const FORM_GOAL_BYTES = 15_000;

export interface Bundle {
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
    alias: {
      'scenario-sdk/schemas': join(repoRoot(), 'src', 'schemas.ts'),
      'scenario-sdk': join(repoRoot(), 'src', 'index.ts'),
    },
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
  const form = await bundle(FORM_CODE);
  const openai = await bundle("import OpenAI from 'openai'; globalThis.sdk = OpenAI;");
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
      measure: "openai-node's import OpenAI, browser ESM, min+gzip (for comparison)",
      value: kb(openai.gzipped),
      goal: '',
    },
    {
      bench,
      measure: "import { Img2ImgParamsSchema } from 'scenario-sdk/schemas', min+gzip",
      value: `${kb(form.gzipped)}; ky and p-retry absent: ${clientFree(form) ? 'yes' : 'NO'}`,
      goal: `≤ ${kb(FORM_GOAL_BYTES)}, no client`,
      ok: clientFree(form) && form.gzipped <= FORM_GOAL_BYTES,
    },
  ];
}

/** A form that validates img2img params the way the SDK does, and nothing else. */
export const FORM_CODE =
  "import { Img2ImgParamsSchema } from 'scenario-sdk/schemas'; globalThis.check = (v) => Img2ImgParamsSchema.safeParse(v);";

/** True when the bundle carries none of the HTTP layer: neither ky nor p-retry. */
export function clientFree(bundled: Bundle): boolean {
  return (bundled.byPackage.ky ?? 0) === 0 && (bundled.byPackage['p-retry'] ?? 0) === 0;
}

if (import.meta.main) publish(await run());
