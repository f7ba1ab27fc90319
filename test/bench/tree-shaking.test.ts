import { describe, expect, it } from 'vitest';
import { bundle, clientFree, FORM_CODE, IMG2IMG_RUN_MODULES, SCENARIO_CODE, splitBundle } from '../../bench/bundle.js';

// Browser bundles of the SDK's source as an app would import it (esbuild, as size-limit builds
// them). A UI that only validates a form with the SDK's schemas must not download the client.
describe('tree-shaking', () => {
  it('leaves the client, ky and p-retry out of a form that only imports a params schema', async () => {
    const form = await bundle(FORM_CODE, false);
    expect(form.text).toContain('influence');
    expect(clientFree(form)).toBe(true);
    expect(form.text).not.toContain('/generate/img2img');
  }, 30_000);

  it('keeps ky and p-retry in `{ Scenario }`, so the check above is not vacuous', async () => {
    const whole = await bundle(SCENARIO_CODE, false);
    expect(whole.text).toContain('/generate/upscale');
    expect(clientFree(whole)).toBe(false);
  }, 30_000);

  it('pulls none of the emulator or its peers into the main entry', async () => {
    const whole = await bundle("import * as sdk from 'scenario-sdk'; globalThis.sdk = sdk;");
    for (const peer of ['hono', 'msw', 'sharp', '@hono/node-server']) expect(whole.byPackage[peer] ?? 0).toBe(0);
  }, 30_000);

  it('a code-split app loads no resource, no HTTP client and no Node-only code before its first call', async () => {
    const split = await splitBundle(SCENARIO_CODE);
    const initial = Object.keys(split.initial.byOrigin);
    expect(initial).toContain('client.ts');
    expect(
      initial.filter((origin) => /^(ky|p-retry)$|-endpoint\.ts$|-calls\.ts$|node-files|download/.test(origin)),
    ).toEqual([]);
    // The first img2img run loads its own code and the HTTP client, still no local-file code.
    const img2img = Object.keys(split.loading(IMG2IMG_RUN_MODULES).byOrigin);
    expect(img2img).toEqual(expect.arrayContaining(['resources/img2img-endpoint.ts', 'ky', 'p-retry']));
    expect(img2img.filter((origin) => /node-files|download|upscale/.test(origin))).toEqual([]);
  }, 30_000);
});
