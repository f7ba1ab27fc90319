/**
 * The state file: one per manifest, keyed by what each row produces, recording what the SDK knows
 * of each submission, written as a journal (one line per change) that a kill cannot spoil.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/index.js';
import { BIN, emulator, filesIn, folder, run } from './harness.js';
import { knightFiles, knightRows, stateRecords } from './manifests.js';
import { proxy } from './proxy.js';

const stateOf = (manifest: string) => `${manifest}.scenario-state.jsonl`;

describe.concurrent('a batch’s state', { timeout: 90_000 }, () => {
  it('belongs to its manifest: two manifests of the same rows in one folder each make their own files', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    for (const name of ['a.json', 'b.json']) writeFileSync(join(cwd, name), JSON.stringify(knightRows(2)));
    const a = await run(['batch', 'a.json', '--out', 'out-a'], cwd, api);
    const b = await run(['batch', 'b.json', '--out', 'out-b'], cwd, api);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(b.stdout).not.toContain('earlier run');
    expect(api.state.counters.jobsCreated).toBe(4);
    expect([filesIn(join(cwd, 'out-a')), filesIn(join(cwd, 'out-b'))]).toEqual([knightFiles(2), knightFiles(2)]);
    expect(filesIn(cwd).filter((name) => name.includes('state'))).toEqual([stateOf('a.json'), stateOf('b.json')]);
  });

  it('knows a row by what it produces: re-run with another --out, it writes there', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(knightRows(2)));
    const first = await run(['batch', 'm.json', '--out', 'one'], cwd, api);
    const again = await run(['batch', 'm.json', '--out', 'one'], cwd, api);
    const elsewhere = await run(['batch', 'm.json', '--out', 'two'], cwd, api);
    expect([first.code, again.code, elsewhere.code]).toEqual([0, 0, 0]);
    expect(again.stdout.match(/done by an earlier run/g)).toHaveLength(2);
    expect(filesIn(join(cwd, 'two'))).toEqual(knightFiles(2));
    expect(api.state.counters.jobsCreated).toBe(4);
  });

  it('carries a row over from the old shared .scenario-state.json: its running job is waited for, not submitted again', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const client = new Scenario({ baseUrl: api.url, apiKey: 'k', apiSecret: 's' });
    const [row] = knightRows(1);
    const { model, image, prompt, influence, seed } = row as NonNullable<typeof row>;
    const job = await client.img2img.create({ modelId: model, image, prompt, influence, seed, numSamples: 2 });
    const legacy = {
      version: 1,
      api: api.url,
      items: { knight: { row: 1, label: 'row 1', status: 'running', jobId: job.id } },
    };
    writeFileSync(join(cwd, '.scenario-state.json'), JSON.stringify(legacy, null, 2));
    writeFileSync(join(cwd, 'm.json'), JSON.stringify([{ ...row, id: 'knight' }]));
    const result = await run(['batch', 'm.json', '--json'], cwd, api);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Carried 1 row(s) over from .scenario-state.json, a state file of an earlier version.',
    );
    expect(JSON.parse(result.stdout.split('\n')[0] ?? '')).toMatchObject({ status: 'done', jobId: job.id });
    expect(api.state.counters.jobsCreated).toBe(1);
    expect(JSON.parse(readFileSync(join(cwd, '.scenario-state.json'), 'utf8'))).toEqual(legacy);
  });

  it('is one line per row once a run ends, and a line cut short by a kill is ignored', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(knightRows(3)));
    expect((await run(['batch', 'm.json'], cwd, api)).code).toBe(0);
    const path = join(cwd, stateOf('m.json'));
    const text = readFileSync(path, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(4);
    writeFileSync(path, `${text}{"key":"torn","row":9,"label":"row 9","status":"runn`);
    const again = await run(['batch', 'm.json'], cwd, api);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/done by an earlier run/g)).toHaveLength(3);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe.concurrent('what a batch records of a submission', { timeout: 90_000 }, () => {
  it('refused before sending (no connection): not sent, so the next run submits it without --retry-failed', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const door = await proxy(api);
    await door.listening(false);
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(knightRows(1)));
    const env = { SCENARIO_BASE_URL: door.url };
    const refused = await run(['batch', 'm.json'], cwd, api, env);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(
      /^failed {2}row 1 \(knight-01\): POST \/generate\/img2img failed without a complete answer: .*ECONNREFUSED.* \(nothing was sent: a re-run submits it\)$/m,
    );
    expect([...stateRecords(join(cwd, stateOf('m.json'))).values()]).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringContaining('ECONNREFUSED') }),
    ]);
    await door.listening(true);
    const again = await run(['batch', 'm.json'], cwd, api, env);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(api.state.counters.jobsCreated).toBe(1);
  });

  it('a job that succeeds without outputs is not done: exit 1, and not submitted again unless --retry-failed', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const empty = await proxy(api, {
      json: (request, body) => {
        const job = (body as { job?: { status?: string; metadata?: { assetIds?: string[] } } }).job;
        if (request.path.startsWith('/v1/jobs/') && job?.status === 'success' && job.metadata)
          job.metadata.assetIds = [];
        return body;
      },
    });
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(knightRows(1)));
    const env = { SCENARIO_BASE_URL: empty.url };
    const first = await run(['batch', 'm.json'], cwd, api, env);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(
      /^failed {2}row 1 \(knight-01\): job job_\w+ succeeded without any output \(billed\)/m,
    );
    const again = await run(['batch', 'm.json'], cwd, api, env);
    expect([again.code, api.state.counters.jobsCreated]).toEqual([1, 1]);
  });

  it('a full disk is a local error: the run stops taking rows, and the re-run downloads the job it made', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    // Outputs follow the input's size: 512 px noise makes files far over the 64 KB the first run may write.
    const noise = await sharp(
      Buffer.alloc(512 * 512 * 3).map(() => Math.floor(Math.random() * 256)),
      {
        raw: { width: 512, height: 512, channels: 3 },
      },
    )
      .png()
      .toBuffer();
    writeFileSync(join(cwd, 'big.png'), noise);
    const rows = knightRows(3).map((row) => ({ ...row, image: 'big.png', 'num-samples': 1 }));
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(rows));
    const env = { ...process.env, SCENARIO_API_KEY: 'k', SCENARIO_API_SECRET: 's', SCENARIO_BASE_URL: api.url };
    // A file size limit (RLIMIT_FSIZE) makes writes past 64 KB fail with EFBIG, as a full disk fails them with ENOSPC.
    const limited = spawn(
      'bash',
      ['-c', `ulimit -f 64; exec "$0" "$@"`, process.execPath, BIN, 'batch', 'm.json', '--concurrency', '1'],
      {
        cwd,
        env,
      },
    );
    let stdout = '';
    let stderr = '';
    limited.stdout.on('data', (chunk) => (stdout += chunk));
    limited.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => limited.on('close', resolve));
    expect(code, stderr + stdout).toBe(1);
    expect(stderr).toMatch(
      /^Stopped: cannot write knight-01-1\.png: file too large \(EFBIG\); job (job_\w+) is done\.\n1 job\(s\) ran or run on the server \(billed\), their outputs not downloaded yet:\n {2}job_\w+ {2}row 1 \(knight-01\)\nResume with:\n {2}scenario batch m\.json --concurrency 1\n$/m,
    );
    expect(api.state.counters.jobsCreated).toBe(1);
    const resumed = await run(['batch', 'm.json', '--concurrency', '1'], cwd, api);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(api.state.counters.jobsCreated).toBe(3);
    expect(filesIn(cwd).filter((name) => name.startsWith('knight'))).toEqual([
      'knight-01-1.png',
      'knight-02-1.png',
      'knight-03-1.png',
    ]);
  });
});
