/**
 * esbuild options for a size-limit row (`"config"` in .size-limit.json) that builds a small
 * browser app against the built package, as size-limit's `"import"` rows do, for what those rows
 * cannot say:
 *
 * - with `splitting`, the app is built with code splitting and only the files a page loads before
 *   its first call count: the entry and the chunks it imports statically, not the chunks its
 *   calls load later with `import()` (size-limit sums every output file);
 * - esbuild's note that it dropped a bare `import "./chunk.js"` of a package marked
 *   `"sideEffects": false` is silenced: it is what a bundler should do with our chunks, and it
 *   says so only here, where dist/ is not inside a node_modules folder.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `code` imports the package from `./dist/…`; `name` names the output folder. */
export function appBuild(name, code, { splitting = false } = {}) {
  const outdir = join(root, '.tmp', 'size-limit', name);
  // Emptied first: chunk names change with their content, and stale ones would pile up.
  rmSync(outdir, { recursive: true, force: true });
  return {
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting,
    outdir,
    metafile: true,
    write: true,
    logOverride: { 'ignored-bare-import': 'silent' },
    plugins: splitting ? [initialFilesOnly] : [],
  };
}

/** Leaves in the build's metafile only the app's entry and the chunks it imports statically. */
const initialFilesOnly = {
  name: 'initial-files-only',
  setup(build) {
    build.onEnd((result) => {
      const outputs = result.metafile?.outputs ?? {};
      const entry = Object.keys(outputs).find((file) => outputs[file].inputs['app.js'] !== undefined);
      const initial = new Set();
      for (const next = [entry]; next.length > 0; ) {
        const file = next.pop();
        if (file === undefined || initial.has(file)) continue;
        initial.add(file);
        for (const { path, kind } of outputs[file].imports) if (kind === 'import-statement') next.push(path);
      }
      for (const file of Object.keys(outputs)) if (!initial.has(file)) delete outputs[file];
    });
  },
};
