// Chromium: the page's import map points `scenario-sdk` at the package's built ESM bundle
// (node_modules/scenario-sdk/dist/index.js, served as is) and its dependencies at their own ESM
// builds. The emulator's URL comes in the page's query string; it is another origin (port).
import * as sdk from 'scenario-sdk';
import { smoke } from './smoke.mjs';

const log = [];
try {
  const baseUrl = new URL(location.href).searchParams.get('api');
  const png = new Uint8Array(await (await fetch('./input.png')).arrayBuffer());
  const summary = await smoke(sdk, { baseUrl, png, log: (line) => log.push(line) });
  window.__result = {
    ok: true,
    log,
    summary: { ...summary, version: sdk.VERSION, loadedFrom: import.meta.resolve('scenario-sdk') },
  };
} catch (error) {
  window.__result = {
    ok: false,
    log,
    reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
