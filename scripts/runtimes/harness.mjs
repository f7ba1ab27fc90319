// Runs the shared smoke in a server-side runtime (Node, Bun, Deno) and reports to run-all.mjs:
// one `SMOKE_RESULT {json}` line on stdout and exit code 0, or `SMOKE_FAIL <reason>` and exit 1.
// run-all.mjs copies this file, smoke.mjs and the entry-*.{mjs,cjs} files into the throwaway
// project, so `scenario-sdk` resolves to the installed tarball, never to the repository.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { smoke } from './smoke.mjs';

/**
 * @param {object} sdk the `scenario-sdk` module as the entry loaded it
 * @param {string} loadedFrom where that module was resolved to (a path or URL)
 */
export async function runSmoke(sdk, loadedFrom) {
  try {
    const baseUrl = process.env.SMOKE_BASE_URL;
    const pngPath = process.env.SMOKE_PNG;
    if (!baseUrl || !pngPath) throw new Error('SMOKE_BASE_URL and SMOKE_PNG must be set (run through run-all.mjs)');
    const png = new Uint8Array(readFileSync(pngPath));
    const summary = await smoke(sdk, { baseUrl, png, log: (line) => console.log(`  ${line}`) });
    const runtime = globalThis.Deno
      ? `deno ${globalThis.Deno.version.deno}`
      : process.versions.bun
        ? `bun ${process.versions.bun}`
        : `node ${process.version}`;
    console.log(`SMOKE_RESULT ${JSON.stringify({ ...summary, version: sdk.VERSION, loadedFrom, runtime })}`);
    process.exitCode = 0;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.log(`SMOKE_FAIL ${reason.replace(/\s+/g, ' ')}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
  }
}
