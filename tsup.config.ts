import { defineConfig, type Options } from 'tsup';

/** The library's entries: published as ESM and CJS, with types. */
const LIBRARY = { index: 'src/index.ts', schemas: 'src/schemas.ts', 'testing/index': 'src/testing/index.ts' };
/** The `scenario` command line: run by bin/scenario.js, ESM only, no types. */
const CLI = { 'cli/index': 'src/cli/index.ts' };

const library: Options = {
  entry: { ...LIBRARY, ...CLI },
  format: ['esm', 'cjs'],
  // Constructors and helpers marked @internal stay out of the published types.
  dts: { entry: LIBRARY, compilerOptions: { stripInternal: true } },
  // The testing entry's builds (below) write into dist/ at the same time.
  clean: ['!testing/load.*'],
  // Shared code lives in one chunk, so errors from the main entry, the emulator and the CLI are the same classes.
  splitting: true,
  sourcemap: true,
  target: 'es2022',
  // The emulator's heavy deps are optional peers: never bundled. The CLI loads the emulator by
  // the package's own name, so `--emulator` needs those peers only when used.
  external: ['hono', '@hono/node-server', 'msw', 'sharp', 'scenario-sdk/testing'],
  esbuildOptions(options, { format }) {
    // The bin imports the ESM build; a CJS copy of the CLI would only add weight to the package.
    if (format === 'cjs' && options.entryPoints && !Array.isArray(options.entryPoints)) {
      options.entryPoints = Object.fromEntries(Object.entries(options.entryPoints).filter(([name]) => !(name in CLI)));
    }
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
  clean: false,
});

export default defineConfig([
  library,
  testingEntry('esm', 'src/testing/load.ts'),
  testingEntry('cjs', 'src/testing/load.cts'),
]);
