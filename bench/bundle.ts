/**
 * Bundle: what a browser app downloads for `import { Scenario } from 'scenario-sdk'`, built with
 * esbuild for browsers, minified, each file gzipped (as size-limit's esbuild plugin builds it):
 *
 * - the initial download: the app built with code splitting (`--splitting --format=esm`, as Vite
 *   and every app bundler split a dynamic `import()`), the files a page loads before its first
 *   call: the entry and the chunks it imports statically. The resources, the HTTP client and the
 *   helpers only some calls need are chunks loaded by the calls that use them;
 * - what the first `client.img2img.run()` then loads;
 * - the single file: the same app built without splitting, every chunk inlined (and evaluated
 *   lazily); what `npm run size` (`.size-limit.json`) checks for the built `dist/`.
 *
 * Beside them: the whole entry, a form that only validates with `Img2ImgParamsSchema` from
 * `scenario-sdk/schemas` (which must leave the client, ky and p-retry out), and openai-node's
 * `import OpenAI`. Built from `src/` so no `npm run build` is needed. Goals: the initial download
 * ≤ 30 KB, the form ≤ 15 KB.
 */
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type BenchRow, publish, repoRoot } from './_harness.js';

const INITIAL_GOAL_BYTES = 30_000;
const FORM_GOAL_BYTES = 15_000;

export interface Bundle {
  minified: number;
  gzipped: number;
  /** Minified bytes per dependency (`src` for the SDK's own code). */
  byPackage: Record<string, number>;
  text: string;
}

/** Files of a code-split build that load together, as a page fetches them. */
export interface Chunks {
  files: number;
  minified: number;
  /** Each file gzipped on its own, as each is its own response. */
  gzipped: number;
  /** Minified bytes per dependency, and per module of the SDK (`core/errors.ts`). */
  byOrigin: Record<string, number>;
}

/** A build with code splitting: what the entry loads at once, and what a set of lazily loaded modules adds. */
export interface SplitBundle {
  initial: Chunks;
  /** The chunks loading `modules` (paths below `src/`) add to the initial download. */
  loading(modules: readonly string[]): Chunks;
}

/** esbuild's options for `code` (which imports the SDK as `scenario-sdk`) in a browser, minified. */
function browserBuild(code: string, minify: boolean) {
  return {
    stdin: { contents: code, resolveDir: repoRoot(), loader: 'js', sourcefile: 'app.js' },
    alias: {
      'scenario-sdk/schemas': join(repoRoot(), 'src', 'schemas.ts'),
      'scenario-sdk': join(repoRoot(), 'src', 'index.ts'),
    },
    bundle: true,
    minify,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
  } as const;
}

/** Bundles `code` for browsers into one file. */
export async function bundle(code: string, minify = true, external: string[] = []): Promise<Bundle> {
  const result = await build({ ...browserBuild(code, minify), external });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minified: output.byteLength,
    gzipped: gzip(output),
    byPackage: byPackage(result.metafile),
    text: new TextDecoder().decode(output),
  };
}

/** Bundles `code` for browsers with code splitting; `external` packages are left out. */
export async function splitBundle(code: string, external: string[] = []): Promise<SplitBundle> {
  const outdir = join(repoRoot(), '.tmp', 'bundle-split');
  const result = await build({ ...browserBuild(code, true), splitting: true, outdir, external });
  const { outputs } = result.metafile;
  const contents = new Map(
    result.outputFiles.map((file) => [relative(repoRoot(), file.path).replaceAll('\\', '/'), file.contents]),
  );
  const app = Object.keys(outputs).find((name) => outputs[name]?.inputs['app.js'] !== undefined) as string;
  // The files that load with `starts`: each one's static imports, transitively.
  const closure = (starts: readonly string[], loaded: ReadonlySet<string> = new Set()) => {
    const files = new Set<string>();
    const next = [...starts];
    for (let file = next.pop(); file !== undefined; file = next.pop()) {
      if (files.has(file) || loaded.has(file)) continue;
      files.add(file);
      for (const { path, kind } of outputs[file]?.imports ?? []) if (kind === 'import-statement') next.push(path);
    }
    return files;
  };
  const chunks = (files: ReadonlySet<string>): Chunks => {
    const byOrigin: Record<string, number> = {};
    let minified = 0;
    let gzipped = 0;
    for (const file of files) {
      const bytes = contents.get(file) ?? new Uint8Array();
      minified += bytes.byteLength;
      gzipped += gzip(bytes);
      for (const [input, { bytesInOutput }] of Object.entries(outputs[file]?.inputs ?? {})) {
        const origin = originOf(input);
        byOrigin[origin] = (byOrigin[origin] ?? 0) + bytesInOutput;
      }
    }
    return { files: files.size, minified, gzipped, byOrigin };
  };
  const initialFiles = closure([app]);
  return {
    initial: chunks(initialFiles),
    loading(modules) {
      const starts = Object.keys(outputs).filter((name) =>
        modules.some((module) => outputs[name]?.entryPoint === `src/${module}`),
      );
      if (starts.length !== modules.length)
        throw new Error(`not all of ${modules.join(', ')} are lazily loaded chunks`);
      return chunks(closure(starts, initialFiles));
    },
  };
}

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).byteLength;

/** The package an input comes from, or its module below `src/` for the SDK's own code. */
function originOf(input: string): string {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.replace(/^src\//, '');
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

/** `zod 44.6 KB, core/errors.ts 4.9 KB, …`: the largest origins first, the SDK's modules by name. */
function shares(byOrigin: Record<string, number>, count = 12): string {
  const sorted = Object.entries(byOrigin).sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, count).map(([name, bytes]) => `${name} ${kb(bytes)}`);
  const rest = sorted.slice(count).reduce((sum, [, bytes]) => sum + bytes, 0);
  return [...shown, ...(rest > 0 ? [`${sorted.length - count} more ${kb(rest)}`] : [])].join(', ');
}

/** The modules the first `client.img2img.run()` loads: its endpoint, the generation code, the HTTP client, the job wait and the outputs' fetch. */
export const IMG2IMG_RUN_MODULES = [
  'resources/img2img-endpoint.ts',
  'resources/generation-calls.ts',
  'core/http-client.ts',
  'resources/jobs-calls.ts',
  'resources/assets-calls.ts',
];

export const SCENARIO_CODE = "import { Scenario } from 'scenario-sdk'; globalThis.sdk = Scenario;";

export async function run(): Promise<BenchRow[]> {
  const split = await splitBundle(SCENARIO_CODE);
  const { initial } = split;
  const ownInitial = (await splitBundle(SCENARIO_CODE, ['zod'])).initial;
  const img2img = split.loading(IMG2IMG_RUN_MODULES);
  const single = await bundle(SCENARIO_CODE);
  const whole = await bundle("import * as sdk from 'scenario-sdk'; globalThis.sdk = sdk;");
  const form = await bundle(FORM_CODE);
  const openai = await bundle("import OpenAI from 'openai'; globalThis.sdk = OpenAI;");
  // What each dependency adds to the single file, min+gzip: the SDK's own code alone, then the dependencies put back one by one.
  const dependencies = ['zod', 'ky', 'p-retry'];
  const steps = await Promise.all(
    dependencies.map((_, index) => bundle(SCENARIO_CODE, true, dependencies.slice(index))),
  );
  const sizes = [...steps, single].map((step) => step.gzipped);
  const added = dependencies.map(
    (name, index) => `${name} ${kb((sizes[index + 1] as number) - (sizes[index] as number))}`,
  );
  const bench = 'bundle';
  return [
    {
      bench,
      measure: 'import { Scenario }: initial download, code split (browser ESM, min+gzip per file)',
      value: `${kb(initial.gzipped)} in ${initial.files} files (${kb(initial.minified)} min)`,
      goal: `≤ ${kb(INITIAL_GOAL_BYTES)}`,
      ok: initial.gzipped <= INITIAL_GOAL_BYTES,
      note: `what a page loads before its first call. Min+gzip, the SDK's own code is ${kb(ownInitial.gzipped)}, zod adds ${kb(initial.gzipped - ownInitial.gzipped)} (all the zod any chunk uses: a module is in one chunk whole). Minified bytes by origin: ${shares(initial.byOrigin)}`,
    },
    {
      bench,
      measure: 'then the first client.img2img.run() loads',
      value: `${kb(img2img.gzipped)} in ${img2img.files} files (${kb(img2img.minified)} min)`,
      goal: '',
      note: `its endpoint, the generation code, the HTTP client (ky, p-retry), the job wait and the outputs' fetch. Minified bytes by origin: ${shares(img2img.byOrigin)}`,
    },
    {
      bench,
      measure: 'import { Scenario }: one file, no code splitting (browser ESM, min+gzip)',
      value: `${kb(single.gzipped)} (${kb(single.minified)} min)`,
      goal: '',
      note: `every resource inlined, evaluated on first use. Min+gzip, the SDK's own code is ${kb(sizes[0] as number)}; then ${added.join(', ')}. Minified bytes by origin: ${shares(single.byPackage)}`,
    },
    { bench, measure: 'whole entry (import *), one file, min+gzip', value: kb(whole.gzipped), goal: '' },
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
