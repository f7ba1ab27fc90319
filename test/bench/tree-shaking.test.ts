import { describe, expect, it } from 'vitest';
import { absent, bundle } from '../../bench/bundle.js';

// Browser bundles of the SDK's source as an app would import it (esbuild, as size-limit builds
// them). The client constructs every resource, so `{ Scenario }` keeps them all; an app that
// imports only the resource classes it uses must not carry the others.
describe('tree-shaking', () => {
  it('leaves the other generation resources out of an app importing only Assets and Img2Img', async () => {
    const some = await bundle(
      "import { Assets, Img2Img } from 'scenario-sdk'; globalThis.sdk = [Assets, Img2Img];",
      false,
    );
    expect(some.text).toContain('/generate/img2img');
    expect(some.text).toContain('/uploads');
    expect(absent(some.text)).toBe(true);
    expect(some.byPackage['@hono/node-server'] ?? 0).toBe(0);
  }, 30_000);

  it('keeps every resource in `{ Scenario }`, so the check above is not vacuous', async () => {
    const whole = await bundle("import { Scenario } from 'scenario-sdk'; globalThis.sdk = Scenario;", false);
    expect(whole.text).toContain('/generate/upscale');
    expect(absent(whole.text)).toBe(false);
  }, 30_000);

  it('pulls none of the emulator or its peers into the main entry', async () => {
    const whole = await bundle("import * as sdk from 'scenario-sdk'; globalThis.sdk = sdk;");
    for (const peer of ['hono', 'msw', 'sharp', '@hono/node-server']) expect(whole.byPackage[peer] ?? 0).toBe(0);
  }, 30_000);
});
