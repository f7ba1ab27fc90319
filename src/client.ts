import { DEFAULT_BASE_URL, parseBaseUrl } from './core/base-url.js';
import { authorizationHeader, secretForms, sentCredentials } from './core/credentials.js';
import { readEnv, runtimeUserAgent } from './core/env.js';
import { createLogger } from './core/logger.js';
import { type ClientOptions, ClientOptionsSchema } from './core/options.js';
import { createRedactor, MIN_ANSWER_SECRET_LENGTH } from './core/redact.js';
import { Transport } from './core/transport.js';
import { parseInput } from './core/validate.js';
import { VERSION } from './core/version.js';
import { Assets, getAssets } from './resources/assets.js';
import { ControlNet } from './resources/controlnet.js';
import { Custom } from './resources/custom.js';
import { Detect } from './resources/detect.js';
import { Img2Img } from './resources/img2img.js';
import { Inpaint } from './resources/inpaint.js';
import { Jobs, jobWaiter } from './resources/jobs.js';
import { type ModelCache, Models } from './resources/models.js';
import { RemoveBackground } from './resources/remove-background.js';
import { Txt2Img } from './resources/txt2img.js';
import { Upscale } from './resources/upscale.js';

/**
 * The Scenario API client. Options default to env variables; resources are its fields.
 *
 * @example
 * ```ts
 * const client = new Scenario(); // SCENARIO_API_KEY / SCENARIO_API_SECRET from the env
 * const { assets } = await client.img2img.run({ modelId: 'flux.1-dev', image: './sketch.png', prompt: 'a knight', influence: 20 });
 * ```
 */
export class Scenario {
  /** The API root every call goes to, as resolved from the options and the env: `https://api.cloud.scenario.com/v1`. */
  readonly baseUrl: string;
  /** The project sent as `?projectId=` on every call, from the options or env `SCENARIO_PROJECT_ID`; `undefined` when none. */
  readonly projectId: string | undefined;
  /**
   * Which credentials the client sends: `'basic'` (an API key and secret), `'bearer'` (a token),
   * or `undefined` when it has none (every API call then fails with an `AuthenticationError`
   * naming the variables to set). The credentials themselves are never readable.
   */
  readonly auth: 'basic' | 'bearer' | undefined;
  /** Upload, read, list, delete and download assets (images and other files). */
  readonly assets: Assets;
  /** Text-to-image from a prompt; `styleImages` for a style or a character. */
  readonly txt2img: Txt2Img;
  /** Image-to-image from a reference image (`influence` 0–100 or `strength`); `styleImages` for a style or a character. */
  readonly img2img: Img2Img;
  /** Inpainting (the web app's Retouch): repaints the white region of a `mask`, keeps the rest. */
  readonly inpaint: Inpaint;
  /** ControlNet: generation guided by a control map (`modality`: pose, depth, canny…). */
  readonly controlnet: ControlNet;
  /** Control-map extraction (edges, depth, pose…) from an image. */
  readonly detect: Detect;
  /** Background removal. */
  readonly removeBackground: RemoveBackground;
  /** Upscaling by a factor or to a width. */
  readonly upscale: Upscale;
  /** Any model through `/generate/custom/{modelId}`, its inputs optionally checked against the model's contract. */
  readonly custom: Custom;
  /** Jobs: read, list, cancel, and wait for them (`wait` resumes a job another call gave up on). */
  readonly jobs: Jobs;
  /** Models and their input contracts. */
  readonly models: Models;

  constructor(clientOptions: ClientOptions = {}) {
    const options = parseInput(ClientOptionsSchema, clientOptions, 'client options');
    // Credentials passed in replace the env ones as a whole: a token given here must not lose to a key pair from the env.
    const given = options.apiKey !== undefined || options.apiSecret !== undefined || options.token !== undefined;
    const fromEnv = (name: string) => (given ? undefined : readEnv(name));
    const credentials = sentCredentials({
      apiKey: options.apiKey ?? fromEnv('SCENARIO_API_KEY'),
      apiSecret: options.apiSecret ?? fromEnv('SCENARIO_API_SECRET'),
      token: options.token ?? fromEnv('SCENARIO_API_TOKEN'),
    });
    const { apiKey, apiSecret, token } = credentials;
    const redact = createRedactor(secretForms(credentials));
    const redactAnswer = createRedactor(secretForms(credentials), MIN_ANSWER_SECRET_LENGTH);
    const envBaseUrl = options.baseUrl === undefined ? readEnv('SCENARIO_BASE_URL') : undefined;
    const baseUrl = parseBaseUrl(options.baseUrl ?? envBaseUrl ?? DEFAULT_BASE_URL, {
      allowInsecureHttp: options.allowInsecureHttp,
      source: envBaseUrl === undefined ? 'baseUrl' : 'SCENARIO_BASE_URL',
    });
    const projectId = options.projectId ?? readEnv('SCENARIO_PROJECT_ID');
    this.baseUrl = baseUrl.href.replace(/\/$/, '');
    this.projectId = projectId;
    this.auth = apiKey && apiSecret ? 'basic' : token ? 'bearer' : undefined;
    const transport = new Transport({
      baseUrl,
      projectId,
      timeout: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      logger: createLogger(options.logger ?? console, options.logLevel ?? 'warn', redact),
      defaultHeaders: options.defaultHeaders ?? {},
      authorization: () => authorizationHeader(credentials),
      redact,
      redactAnswer,
      userAgent: runtimeUserAgent(VERSION),
      imageSources: { filePaths: options.imageSources?.filePaths ?? true, urls: options.imageSources?.urls ?? true },
    });
    transports.set(this, transport);
    const wait = jobWaiter(transport, (ids, call) => getAssets(transport, ids, call));
    const models: ModelCache = new Map();
    this.assets = new Assets(transport);
    this.jobs = new Jobs(transport, wait);
    this.models = new Models(transport, models);
    const generation = { transport, wait };
    this.txt2img = new Txt2Img(generation);
    this.img2img = new Img2Img(generation);
    this.inpaint = new Inpaint(generation);
    this.controlnet = new ControlNet(generation);
    this.detect = new Detect(generation);
    this.removeBackground = new RemoveBackground(generation);
    this.upscale = new Upscale(generation);
    this.custom = new Custom({ ...generation, models });
  }
}

/** Each client's transport, kept off the public class. */
const transports = new WeakMap<Scenario, Transport>();

/** The transport a client's resources call: for the SDK's own layers above the client and its tests. */
export function transportOf(client: Scenario): Transport {
  return transports.get(client) as Transport;
}
