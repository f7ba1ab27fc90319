import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/** The library's entries: published as ESM and CJS, with types. */
const LIBRARY = { index: 'src/index.ts', schemas: 'src/schemas.ts', 'testing/index': 'src/testing/index.ts' };

/** The server proxy: ESM and CJS, with types, one self-contained file each (see below). */
const SERVER = { 'server/index': 'src/server/index.ts' };

/** The libraries only the command line uses: devDependencies, bundled into dist/cli. */
const CLI_LIBRARIES = ['commander', 'cli-progress', 'yaml', 'csv-parse'];

/** The package's public entry modules, and the names the built command line imports them by. */
const PUBLIC_ENTRIES: Record<string, string> = {
  [resolve('src/index.ts')]: 'scenario-sdk',
  [resolve('src/schemas.ts')]: 'scenario-sdk/schemas',
};

/**
 * The command line imports the SDK from its public entries (`../index.js`); built, it loads them
 * by the package's name, so it runs on the very modules an app gets (one copy of every error
 * class) and its bundle holds only its own code and libraries.
 */
const publicEntriesByName: Plugin = {
  name: 'public-entries-by-name',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const name = PUBLIC_ENTRIES[resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'))];
      return name === undefined ? undefined : { path: name, external: true };
    });
  },
};

/**
 * Writes `LICENSES.md` beside the bundle: the license of every package whose code it holds, as
 * their MIT and ISC terms ask of a copy.
 */
const bundledLicenses: Plugin = {
  name: 'bundled-licenses',
  setup(build) {
    build.onEnd(({ metafile }) => {
      const packageDirs = Object.keys(metafile?.inputs ?? {}).flatMap(
        (input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? [],
      );
      const sections = [...new Set(packageDirs)]
        .map((dir) => {
          const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
          const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
          const text = file ? readFileSync(join(dir, file), 'utf8').trim() : license;
          return `## ${name} ${version} (${license})\n\n${text}\n`;
        })
        .sort();
      const outDir = build.initialOptions.outdir ?? 'dist/cli';
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        join(outDir, 'LICENSES.md'),
        `# Libraries bundled into the scenario command\n\n${sections.join('\n')}`,
      );
    });
  },
};

/**
 * What `import` and `require` of `scenario-sdk/testing` load (see src/testing/load.ts): the
 * emulator built above (`./index.js`, `./index.cjs`, kept external so that it and the chunks it
 * shares load once), or one line naming a missing optional peer. One build per format, as
 * CommonJS has no top-level await. The types are the emulator's own (`dist/testing/index.d.ts`).
 */
const testingEntry = (format: 'esm' | 'cjs', source: string): Options => ({
  entry: { 'testing/load': source },
  format: [format],
  external: ['./index.js', './index.cjs'],
  target: 'es2022',
});

// No build cleans dist/: they run at once and would delete each other's files; `npm run build`
// empties dist/ before tsup starts.
export default defineConfig([
  {
    entry: LIBRARY,
    format: ['esm', 'cjs'],
    // Constructors and helpers marked @internal stay out of the published types.
    dts: { entry: LIBRARY, compilerOptions: { stripInternal: true } },
    // Shared code lives in one chunk, so errors from the main entry and the emulator are the same classes.
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    // The emulator's heavy deps are optional peers: never bundled.
    external: ['hono', '@hono/node-server', 'msw', 'sharp'],
  },
  {
    // The `scenario` command line, run by bin/scenario.js: ESM only, no types.
    entry: { index: 'src/cli/index.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    // The parsers and the bars are chunks loaded on demand.
    splitting: true,
    // Unminified, its stack traces read without one; a map would double what every install carries.
    sourcemap: false,
    // Its libraries are bundled (named here, so they stay bundled whichever list of package.json
    // they sit in), and `npm install scenario-sdk` installs only the SDK's own dependencies.
    noExternal: CLI_LIBRARIES,
    // The SDK by its public entries; the emulator by the package's name too, so `--emulator` needs
    // its optional peers only when used.
    external: ['scenario-sdk', 'scenario-sdk/schemas', 'scenario-sdk/testing'],
    esbuildPlugins: [publicEntriesByName, bundledLicenses],
    // cli-progress and yaml are CommonJS and require Node built-ins: an ES module has no `require` of its own.
    banner: { js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  },
  {
    entry: SERVER,
    format: ['esm', 'cjs'],
    dts: { entry: SERVER, compilerOptions: { stripInternal: true } },
    sourcemap: true,
    target: 'es2022',
    // A serverless function starts cold: one file with the client, zod, ky and p-retry inside
    // loads in about half the time of the ~100 small modules it would import otherwise
    // (bench/cold-start.ts). Its errors are its own classes: the proxy answers them, never throws them.
    // Minified too: less to parse (its source map keeps stack traces readable: they need the
    // mappings, not the sources, which would make the map 1.5 MB of every install).
    noExternal: [/.*/],
    minify: true,
    splitting: false,
    esbuildOptions(options) {
      options.sourcesContent = false;
      // Error classes name themselves (`error.name`): minified, an InvalidRequestError read `L`.
      options.keepNames = true;
      // Node prints the source line of an uncaught error: one 220 KB line would flood the logs.
      options.lineLimit = 500;
    },
  },
  testingEntry('esm', 'src/testing/load.ts'),
  testingEntry('cjs', 'src/testing/load.cts'),
]);
