import { defineConfig, type Options } from 'tsup';

/** The library's entries: published as ESM and CJS, with types. */
const LIBRARY = { index: 'src/index.ts', schemas: 'src/schemas.ts', 'testing/index': 'src/testing/index.ts' };
/** The `scenario` command line: run by bin/scenario.js, ESM only, no types. */
const CLI = { 'cli/index': 'src/cli/index.ts' };
/** The server proxy: ESM and CJS, with types, one self-contained file each (see below). */
const SERVER = { 'server/index': 'src/server/index.ts' };

const common: Options = {
  format: ['esm', 'cjs'],
  sourcemap: true,
  target: 'es2022',
};

export default defineConfig([
  {
    ...common,
    entry: { ...LIBRARY, ...CLI },
    // Constructors and helpers marked @internal stay out of the published types.
    dts: { entry: LIBRARY, compilerOptions: { stripInternal: true } },
    clean: true,
    // Shared code lives in one chunk, so errors from the main entry, the emulator and the CLI are the same classes.
    splitting: true,
    // The emulator's heavy deps are optional peers: never bundled. The CLI loads the emulator by
    // the package's own name, so `--emulator` needs those peers only when used.
    external: ['hono', '@hono/node-server', 'msw', 'sharp', 'scenario-sdk/testing'],
    esbuildOptions(options, { format }) {
      // The bin imports the ESM build; a CJS copy of the CLI would only add weight to the package.
      if (format === 'cjs' && options.entryPoints && !Array.isArray(options.entryPoints)) {
        options.entryPoints = Object.fromEntries(
          Object.entries(options.entryPoints).filter(([name]) => !(name in CLI)),
        );
      }
    },
  },
  {
    ...common,
    entry: SERVER,
    dts: { entry: SERVER, compilerOptions: { stripInternal: true } },
    // A serverless function starts cold: one file with the client, zod, ky and p-retry inside
    // loads in about half the time of the ~100 small modules it would import otherwise
    // (bench/cold-start.ts). Its errors are its own classes: the proxy answers them, never throws them.
    // Minified too: less to parse (its source map keeps stack traces readable).
    noExternal: [/.*/],
    minify: true,
    splitting: false,
  },
]);
