// The Chromium leg's page server: serves the throwaway project (the installed tarball's files,
// as npm laid them out) on its own loopback port, so the page's origin is not the emulator's.
// The page maps bare specifiers with an import map built from the installed packages' own
// `exports` (browser > import > default), subpaths included, so the browser loads scenario-sdk's
// built dist/index.js and its chunk unchanged, and zod (`zod/mini`, `zod/locales`) and p-retry
// from their ESM builds.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
};
const CONDITIONS = ['browser', 'import', 'module', 'default'];

/** Starts the server on 127.0.0.1 (a free port); `url` has no trailing slash. */
export async function serveProject(projectDir) {
  const importMap = await buildImportMap(projectDir, 'scenario-sdk');
  const html = page(importMap);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://page').pathname);
    if (path === '/' || path === '/index.html') return send(response, 200, TYPES['.html'], html);
    if (path === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    const file = normalize(join(projectDir, path));
    // Only the project's files; never outside it, never its package.json or deno.json.
    if (!file.startsWith(projectDir + sep) || !TYPES[extname(file)] || extname(file) === '.json') {
      return send(response, 404, 'text/plain', 'not found');
    }
    try {
      send(response, 200, TYPES[extname(file)], await readFile(file));
    } catch {
      send(response, 404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    importMap,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function page(importMap) {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>scenario-sdk runtime smoke</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/entry-browser.mjs"></script>
</head>
<body>scenario-sdk runtime smoke</body>
</html>
`;
}

/** `{ imports }` for the package and its dependency closure, from the flat node_modules npm made. */
async function buildImportMap(projectDir, root) {
  const imports = {};
  const queue = [root];
  while (queue.length > 0) {
    const name = queue.shift();
    if (imports[name]) continue;
    const dir = join(projectDir, 'node_modules', name);
    let manifest;
    try {
      manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    } catch {
      throw new Error(
        `${name} is not installed at the top of ${projectDir}/node_modules (the import map needs a flat tree)`,
      );
    }
    const entry = resolveExport(manifest);
    if (!entry) throw new Error(`${name} has no ESM entry for the browser`);
    imports[name] = `/node_modules/${name}/${entry.replace(/^\.\//, '')}`;
    Object.assign(imports, subpathImports(name, manifest));
    queue.push(...Object.keys(manifest.dependencies ?? {}));
  }
  return { imports };
}

function resolveExport(manifest) {
  const exports = manifest.exports;
  if (exports !== undefined) {
    const dot =
      typeof exports === 'string' || Array.isArray(exports) || !Object.keys(exports).some((key) => key.startsWith('.'))
        ? exports
        : exports['.'];
    return pick(dot);
  }
  return manifest.module ?? manifest.main ?? 'index.js';
}

/**
 * The package's subpath exports (`zod/mini`, `zod/locales`), each mapped to its ESM file; a
 * `./dir/*` pattern whose target is `./dir/*` becomes an import-map prefix (`zod/v4/locales/`).
 */
function subpathImports(name, manifest) {
  const exports = manifest.exports;
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return {};
  const imports = {};
  for (const [key, target] of Object.entries(exports)) {
    const file = key.startsWith('./') ? pick(target) : undefined;
    if (!file) continue;
    const from = `${name}/${key.slice(2)}`;
    const to = `/node_modules/${name}/${file.replace(/^\.\//, '')}`;
    if (!key.includes('*')) imports[from] = to;
    else if (key.endsWith('/*') && to.endsWith('/*') && !key.slice(0, -1).includes('*')) {
      imports[from.slice(0, -1)] = to.slice(0, -1);
    }
  }
  return imports;
}

function pick(target) {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map(pick).find(Boolean);
  if (target && typeof target === 'object') {
    for (const condition of CONDITIONS) {
      if (condition in target) {
        const found = pick(target[condition]);
        if (found) return found;
      }
    }
  }
  return undefined;
}
