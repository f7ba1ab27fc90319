// The one smoke test every runtime runs (Node 22/24 ESM, Node CJS, Bun, Deno, Chromium).
// It imports nothing: the caller passes the SDK module it loaded (`import`, `require` or
// `npm:`), the emulator's base URL and a PNG, so the same code runs unchanged everywhere,
// in a browser too. Throws on the first thing that is not as expected; returns a summary.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * @param {typeof import('scenario-sdk')} sdk the loaded `scenario-sdk` module (namespace or `require` result)
 * @param {{ baseUrl: string, png: Uint8Array, log?: (line: string) => void }} options
 */
export async function smoke(sdk, { baseUrl, png, log = () => {} }) {
  const { Scenario, ScenarioError, APIError, InvalidRequestError, NotFoundError, APIUserAbortError } = sdk;
  const classes = { Scenario, ScenarioError, APIError, InvalidRequestError, NotFoundError, APIUserAbortError };
  for (const [name, value] of Object.entries(classes)) {
    check(typeof value === 'function', `the SDK module exports ${name}`);
    // A build transform once renamed classes (the CJS build's NotFoundError.name was `_class3`).
    check(value.name === name, `${name}.name is '${name}', got '${value.name}'`);
  }
  const client = new Scenario({
    apiKey: 'smoke-key',
    apiSecret: 'smoke-secret',
    baseUrl,
    timeout: 15_000,
    maxRetries: 0,
    logLevel: 'off',
  });
  const params = { modelId: 'flux.1-dev', prompt: 'a knight, painted', influence: 20, width: 128, height: 96 };

  // 1. Upload a PNG given as bytes (inlined as a data URL by the SDK).
  const sketch = await client.assets.upload(png, { name: 'smoke-sketch.png' });
  check(/^asset_/.test(sketch.id), `upload returns an asset id, got ${sketch.id}`);
  check(sketch.mimeType === 'image/png', `uploaded asset is image/png, got ${sketch.mimeType}`);
  log(`uploaded ${sketch.id}`);

  // 2. img2img.run on it, with progress.
  const progress = [];
  const result = await client.img2img.run(
    { ...params, image: sketch.id, numSamples: 2 },
    { timeout: 30_000, onProgress: (job) => progress.push(`${job.status}@${job.progress ?? '-'}`) },
  );
  check(result.job.status === 'success', `job ends in success, got ${result.job.status}`);
  check(result.assets.length === 2, `2 output assets, got ${result.assets.length}`);
  check(progress.length >= 2, `onProgress fired at least twice, got [${progress.join(', ')}]`);
  check(progress.at(-1)?.startsWith('success'), `last progress event is success, got ${progress.at(-1)}`);
  log(`job ${result.job.jobId}: ${progress.join(' → ')}`);

  // 3. Download an output (cross-origin signed CDN URL, no auth header).
  const bytes = await client.assets.download(result.assets[0]);
  check(bytes instanceof Uint8Array, `download returns a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  check(
    PNG_SIGNATURE.every((byte, i) => bytes[i] === byte),
    'downloaded bytes are a PNG',
  );
  log(`downloaded ${bytes.byteLength} B`);

  // 4. Error paths: bad input is refused before any request; an unknown asset is a typed 404.
  const invalid = await rejection(client.img2img.run({ ...params, image: sketch.id, influence: 150 }));
  check(invalid instanceof InvalidRequestError, `influence 150 → InvalidRequestError, got ${describe(invalid)}`);
  check(invalid instanceof ScenarioError, 'InvalidRequestError is a ScenarioError');
  check(invalid.name === 'InvalidRequestError', `its name is InvalidRequestError, got ${invalid.name}`);
  // zod/mini loads no locale: the SDK passes zod's English messages to each parse itself.
  const tooBig = 'influence: Too big: expected number to be <=100';
  check(invalid.message.includes(tooBig), `its message says "${tooBig}", got "${invalid.message}"`);
  const missing = await rejection(client.assets.get('asset_smoke_missing'));
  check(missing instanceof NotFoundError, `unknown asset → NotFoundError, got ${describe(missing)}`);
  check(missing instanceof APIError && missing.status === 404, `NotFoundError has status 404, got ${missing?.status}`);
  check(missing.name === 'NotFoundError', `its name is NotFoundError, got ${missing.name}`);
  check(!JSON.stringify(missing).includes('smoke-secret'), 'the error does not leak the secret');
  log(`errors: ${invalid.name}, ${missing.name} ${missing.status}`);

  // 5. Abort: a run given a Blob, aborted from its first progress event.
  const controller = new AbortController();
  const aborted = await rejection(
    client.img2img.run(
      { ...params, image: new Blob([png], { type: 'image/png' }) },
      { signal: controller.signal, onProgress: () => controller.abort() },
    ),
  );
  check(aborted instanceof APIUserAbortError, `abort → APIUserAbortError, got ${describe(aborted)}`);
  check(aborted.name === 'APIUserAbortError', `its name is APIUserAbortError, got ${aborted.name}`);
  log(`abort: ${aborted.name}`);

  return {
    uploaded: sketch.id,
    jobId: result.job.jobId,
    progressEvents: progress.length,
    outputs: result.assets.length,
    downloadedBytes: bytes.byteLength,
    errors: [invalid.name, missing.name, aborted.name],
  };
}

function check(condition, what) {
  if (!condition) throw new Error(`smoke check failed: ${what}`);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('smoke check failed: expected a rejection, the call succeeded');
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
