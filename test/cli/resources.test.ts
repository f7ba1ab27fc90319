import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/client.js';
import type { ModelInput } from '../../src/index.js';
import { emulator, filesIn, folder, jsonLines, run, SKETCH } from './harness.js';

describe.concurrent('scenario jobs | assets | models', { timeout: 60_000 }, () => {
  it('jobs get, list, wait (downloads the outputs) and cancel (refused: one line, exit 1)', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const client = new Scenario({ baseUrl: api.url, apiKey: 'key', apiSecret: 'secret' });
    const { id } = await client.detect.create({ image: SKETCH, modality: 'canny' });

    const [got, listed, cancel] = await Promise.all([
      run(['jobs', 'get', id, '--json'], cwd, api),
      run(['jobs', 'list'], cwd, api),
      run(['jobs', 'cancel', id], cwd, api),
    ]);
    expect(jsonLines(got.stdout)).toEqual([expect.objectContaining({ jobId: id, jobType: 'detection' })]);
    expect(listed.stdout).toMatch(new RegExp(`^job\\s+type\\s+status\\s+progress\\s+created\\n${id}\\s+detection\\s`));
    expect(cancel.code, cancel.stderr + cancel.stdout).toBe(1);
    expect(cancel.stdout).toMatch(
      new RegExp(`^failed   ${id}: POST /jobs/${id}/action failed with 400: Cannot cancel .+\\n$`),
    );

    const waited = await run(['jobs', 'wait', id, '--out', 'maps'], cwd, api);
    expect(waited.code, waited.stderr + waited.stdout).toBe(0);
    expect(filesIn(join(cwd, 'maps'))).toEqual([`${id}-1.png`]);
  });

  it('assets upload, list and download (never over an existing file without --force)', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const uploaded = await run(['assets', 'upload', SKETCH, '--name', 'knight-sketch.png', '--json'], cwd, api);
    expect(uploaded.code, uploaded.stderr + uploaded.stdout).toBe(0);
    const [{ assetId }] = jsonLines(uploaded.stdout) as [{ assetId: string }];
    expect(assetId).toMatch(/^asset_/);
    expect(api.state.counters.assetsCreated).toBe(1);

    const listed = await run(['assets', 'list', '--type', 'uploaded'], cwd, api);
    expect(listed.stdout).toContain(assetId);

    const downloaded = await run(['assets', 'download', assetId, '--out', 'dl'], cwd, api);
    expect(downloaded.stdout).toBe(`downloaded ${assetId} → ${join('dl', `${assetId}.png`)}\n`);
    expect(existsSync(join(cwd, 'dl', `${assetId}.png`))).toBe(true);
    const again = await run(['assets', 'download', assetId, '--out', 'dl'], cwd, api);
    expect(again.code, again.stderr + again.stdout).toBe(1);
    expect(again.stdout).toMatch(/exists; pass --force/);
    expect((await run(['assets', 'download', assetId, '--out', 'dl', '--force'], cwd, api)).code).toBe(0);
  });

  it('models list and get (the inputs a custom run takes)', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const [listed, got, conditional] = await Promise.all([
      // Public models: a project's own (the default listing) are none on a fresh emulator, as on a fresh account.
      run(['models', 'list', '--privacy', 'public', '--limit', '50', '--json'], cwd, api),
      run(['models', 'get', 'model_upscale-v3'], cwd, api),
      run(['models', 'get', 'model_patina-material'], cwd, api),
    ]);
    expect(listed.code, listed.stderr + listed.stdout).toBe(0);
    expect(jsonLines(listed.stdout).map((model) => model.id)).toContain('flux.1-dev');
    expect(got.stdout).toMatch(/^upscaleFactor\s+number\s+2\s+1–16$/m);
    expect(got.stdout).toMatch(/^image\s+file\s+yes$/m);
    // Required only with a mask (the model's `required.ifDefined`).
    expect(conditional.stdout).toMatch(/^image\s+file\s+with mask$/m);
  });

  it('models get says when an input is required: always, with or without another, for an inference type', async () => {
    const either = { message: 'Provide a reference image or a 3D model.' };
    const inputs: ModelInput[] = [
      { name: 'prompt', type: 'string', required: { always: true } },
      { name: 'characterModel', type: 'model', required: { ifNotDefined: { characterFile: either } } },
      { name: 'characterFile', type: 'file', required: { ifNotDefined: { characterModel: either } } },
      { name: 'image', type: 'file', required: { when: { inferenceType: ['img2img', 'inpaint'] } } },
    ];
    const [cwd, api] = await Promise.all([folder(), emulator({ models: [{ id: 'model_motion', inputs }] })]);
    const got = await run(['models', 'get', 'model_motion'], cwd, api);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toMatch(/^prompt\s+string\s+yes$/m);
    expect(got.stdout).toMatch(/^characterModel\s+model\s+without characterFile$/m);
    expect(got.stdout).toMatch(/^characterFile\s+file\s+without characterModel$/m);
    expect(got.stdout).toMatch(/^image\s+file\s+for img2img or inpaint$/m);
  });

  it('a bad list query or upload flag is named by its flag, every problem at once: exit 2, nothing sent', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const [query, upload] = await Promise.all([
      run(['models', 'list', '--privacy', 'secret'], cwd, api),
      run(['assets', 'upload', 'missing.png', '--name', ''], cwd, api),
    ]);
    expect([query.code, upload.code]).toEqual([2, 2]);
    expect(query.stderr).toBe('scenario: --privacy: Invalid option: expected one of "private"|"public"\n');
    expect(upload.stderr).toMatch(
      /^scenario: 2 problems; nothing was sent:\n {2}--name: Too small: expected string to have >=1 characters\n {2}missing\.png: .*cannot read file "missing\.png"/,
    );
    expect(api.state.requests).toEqual([]);
  });
});
