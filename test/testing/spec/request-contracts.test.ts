import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_OUT, DEFAULT_SOURCE } from '../../../scripts/spec/generate-emulator-contracts.mjs';
import { TYPED_GENERATE_ROUTES } from '../../../src/testing/routes/generate.js';
import { REQUEST_CONTRACTS } from '../../../src/testing/spec/request-contracts.js';

const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'spec', 'generate-emulator-contracts.mjs');
const committed = readFileSync(DEFAULT_OUT, 'utf8');
const stamps = JSON.parse(committed) as { sourceSha256: string };

describe('the committed request contracts', () => {
  test('are what the generator makes from the vendored swagger (spec/), so a hand edit is caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
    const out = join(dir, 'request-contracts.json');
    try {
      execFileSync(process.execPath, [SCRIPT, '--out', out], { stdio: 'pipe' });
      expect(committed).toBe(readFileSync(out, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(stamps.sourceSha256).toBe(createHash('sha256').update(readFileSync(DEFAULT_SOURCE, 'utf8')).digest('hex'));
  });

  test('cover every route the emulator serves, with what the validator needs', () => {
    for (const route of TYPED_GENERATE_ROUTES) {
      expect(REQUEST_CONTRACTS[`POST /generate/${route}`], route).toBeDefined();
    }
    // describe-style is the one served route whose swagger requires nothing.
    const unrequired = TYPED_GENERATE_ROUTES.filter(
      (route) => !REQUEST_CONTRACTS[`POST /generate/${route}`]?.required.length,
    );
    expect(unrequired).toEqual(['describe-style']);
    const img2img = REQUEST_CONTRACTS['POST /generate/img2img']?.body;
    expect(img2img?.width).toEqual({ type: 'number', min: 64, max: 2048, default: 512, multipleOf: 8 });
    expect(img2img?.strength).toEqual({ type: 'number', min: 0.01, max: 1, default: 0.75 });
    expect(img2img?.seed).toEqual({ type: 'string', numeric: true });
    expect(img2img?.imageId).toMatchObject({ deprecated: true });
    // The modality enum lists bare names, yet weights and presets are allowed: not enforced as an enum.
    expect(REQUEST_CONTRACTS['POST /generate/controlnet']?.body.modality).toEqual({ type: 'string' });
    expect(REQUEST_CONTRACTS['POST /generate/img2img-ip-adapter']?.body.ipAdapterScales?.items).toEqual({
      type: 'number',
      min: 0,
      max: 1,
      default: 0.9,
    });
    expect(REQUEST_CONTRACTS['GET /models']?.query.pageSize).toMatchObject({ min: 1, max: 500, default: 100 });
    expect(REQUEST_CONTRACTS['POST /generate/custom/{modelId}']).toMatchObject({ body: {}, required: [] });
  });
});
