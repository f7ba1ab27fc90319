// Deno: the SDK through an `npm:` specifier. The throwaway project's package.json and
// deno.json (`"nodeModulesDir": "manual"`) make Deno take the package from the project's
// node_modules, where npm installed the packed tarball (it is not published on npm).
import * as sdk from 'npm:scenario-sdk';
import { runSmoke } from './harness.mjs';

await runSmoke(sdk, import.meta.resolve('npm:scenario-sdk'));
