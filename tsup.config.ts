import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // Shared code lives in one chunk, so errors from the main entry and the emulator are the same classes.
  splitting: true,
  sourcemap: true,
  target: 'es2022',
  // The emulator's heavy deps are optional peers: never bundled.
  external: ['hono', '@hono/node-server', 'msw', 'sharp'],
});
