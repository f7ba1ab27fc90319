import { describe, expect, it } from 'vitest';
import { bundle, clientFree, FORM_CODE } from '../../bench/bundle.js';

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
    const whole = await bundle("import { Scenario } from 'scenario-sdk'; globalThis.sdk = Scenario;", false);
    expect(whole.text).toContain('/generate/upscale');
    expect(clientFree(whole)).toBe(false);
  }, 30_000);

  it('pulls none of the emulator or its peers into the main entry', async () => {
    const whole = await bundle("import * as sdk from 'scenario-sdk'; globalThis.sdk = sdk;");
    for (const peer of ['hono', 'msw', 'sharp', '@hono/node-server']) expect(whole.byPackage[peer] ?? 0).toBe(0);
  }, 30_000);
});
