/**
 * What the server (or a file) says is not trusted: its text reaches the terminal without escape
 * sequences, and its `Retry-After` cannot make the command re-submit in a burst.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulator, folder, jsonLines, run, SKETCH } from './harness.js';
import { knightRows, stateRecords } from './manifests.js';
import { proxy } from './proxy.js';

/** An OSC 52 escape (sets the clipboard), a screen clear, an 8-bit CSI and a right-to-left override. */
const HOSTILE = '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007boom\u001b[2J \u009b31m\u202eevil';

/** Characters a terminal acts on: C0 but line feed, DEL, C1, and the bidirectional controls. */
function controls(text: string): string[] {
  return [...text].filter((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e);
  });
}

describe.concurrent('text from the server or a manifest', { timeout: 60_000 }, () => {
  it('a failure reason with escape sequences reaches the terminal without them, in every output', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ faults: { jobFailure: 1 } })]);
    const hostile = await proxy(api, {
      json: (request, body) => {
        if (!request.path.startsWith('/v1/jobs')) return body;
        return JSON.parse(JSON.stringify(body).replace(/"error":"[^"]*"/g, `"error":${JSON.stringify(HOSTILE)}`));
      },
    });
    const env = { SCENARIO_BASE_URL: hostile.url };
    const failed = await run(['detect', SKETCH, '--modality', 'canny'], cwd, api, env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^failed {2}.*sketch\.png: Job job_\w+ failed: boom \uFFFDevil/m);
    const json = await run(['detect', SKETCH, '--modality', 'canny', '--json', '--verbose'], cwd, api, env);
    const [line] = jsonLines(json.stdout);
    const jobId = String(line?.jobId);
    const [get, list] = await Promise.all([
      run(['jobs', 'get', jobId, '--verbose'], cwd, api, env),
      run(['jobs', 'list'], cwd, api, env),
    ]);
    expect(get.stdout).toMatch(/^error +boom/m);
    for (const output of [failed, json, get, list]) {
      expect(controls(output.stdout + output.stderr)).toEqual([]);
    }
  });

  it('a manifest value with escape sequences is echoed in errors without them', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'm.json'), JSON.stringify([{ command: HOSTILE }, { [HOSTILE]: 1, command: 'detect' }]));
    const result = await run(['batch', 'm.json'], cwd, api);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/row 1: unknown command .*boom/);
    expect(result.stderr).toMatch(/row 2: unknown field ".*boom/);
    expect(controls(result.stderr)).toEqual([]);
  });

  it('a Retry-After of 10⁹ s ends the row (not sent) instead of re-submitting it in a burst', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const limited = await proxy(api, {
      answer: (request) =>
        request.method === 'POST' && request.path.startsWith('/v1/generate/')
          ? { status: 429, headers: { 'retry-after': '1000000000' }, body: { reason: 'Too many requests' } }
          : undefined,
    });
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(knightRows(2)));
    const result = await run(['batch', 'm.json', '--concurrency', '1'], cwd, api, { SCENARIO_BASE_URL: limited.url });
    expect(result.code, result.stderr).toBe(1);
    expect(limited.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(
      result.stdout.match(
        /^failed {2}row \d \(knight-0\d\): POST \/generate\/img2img failed with 429: Too many requests\. Retry in 1000000000 s$/gm,
      ),
    ).toHaveLength(2);
    expect(result.stderr).not.toMatch(/TimeoutOverflowWarning/);
    // A 429 means the server did nothing: the next run submits both rows.
    expect([...stateRecords(join(cwd, 'm.json.scenario-state.jsonl')).values()].map((record) => record.jobId)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
