import * as z from 'zod/mini';
import { DEFAULT_BASE_URL, parseBaseUrl, parseProxyUrl } from './core/base-url.js';
import {
  authorizationHeader,
  type Credentials,
  secretForms,
  sentCredentials,
  warnOfSecretInPage,
} from './core/credentials.js';
import { readEnv, runtimeUserAgent } from './core/env.js';
import { InvalidRequestError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { type ClientOptions, ClientOptionsSchema, checkRequestOptions, type RequestOptions } from './core/options.js';
import { createRedactor, MIN_ANSWER_SECRET_LENGTH } from './core/redact.js';
import { Transport } from './core/transport.js';
import { parseInput } from './core/validate.js';
import { VERSION } from './core/version.js';
import { Assets, assetFetcher } from './resources/assets.js';
import { Caption } from './resources/caption.js';
import { ControlNet } from './resources/controlnet.js';
import { Custom } from './resources/custom.js';
import { DescribeStyle } from './resources/describe-style.js';
import { Detect } from './resources/detect.js';
import { Embed } from './resources/embed.js';
import { GenerativeFill } from './resources/generative-fill.js';
import { Img2Img } from './resources/img2img.js';
import { Inpaint } from './resources/inpaint.js';
import { Jobs, jobWaiter } from './resources/jobs.js';
import { Models } from './resources/models.js';
import type { ModelCache } from './resources/models-calls.js';
import { Patch } from './resources/patch.js';
import { Pixelate } from './resources/pixelate.js';
import { Prompt } from './resources/prompt.js';
import { PromptEditing } from './resources/prompt-editing.js';
import { Reframe } from './resources/reframe.js';
import { RemoveBackground } from './resources/remove-background.js';
import { Restyle } from './resources/restyle.js';
import { Segment } from './resources/segment.js';
import { Skybox } from './resources/skybox.js';
import { SkyboxUpscale } from './resources/skybox-upscale.js';
import { Texture } from './resources/texture.js';
import { Translate } from './resources/translate.js';
import { Txt2Img } from './resources/txt2img.js';
import { Upscale } from './resources/upscale.js';
import { Vectorize } from './resources/vectorize.js';

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
   * or `undefined` when it has none: behind a `proxyUrl` the proxy adds them; otherwise every
   * API call fails with an `InvalidRequestError` naming the variables to set. The credentials
   * themselves are never readable.
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
  /** Upscaling by a factor or to a width (deprecated in Scenario's reference, still served). */
  readonly upscale: Upscale;
  /** Material maps (normal, height, smoothness, metallic, ao, edge, albedo) of a texture, by name. */
  readonly texture: Texture;
  /** 360° skyboxes: 2:1 equirectangular panoramas whose left and right edges meet. */
  readonly skybox: Skybox;
  /** Upscaling of 360° skyboxes, their geometry kept. */
  readonly skyboxUpscale: SkyboxUpscale;
  /** Pixel art: a grid of `pixelGridSize` flat pixels in a limited palette. */
  readonly pixelate: Pixelate;
  /** Vectorization: an image traced into an SVG asset. */
  readonly vectorize: Vectorize;
  /** Reframing: an image placed in a new frame size, the new space painted to continue it. */
  readonly reframe: Reframe;
  /** Restyling: an image repainted in the look of style images, its structure kept. */
  readonly restyle: Restyle;
  /** Segmentation: a mask of an object in an image. */
  readonly segment: Segment;
  /** Generative fill: the white region of a mask painted anew (erase or replace), the rest kept. */
  readonly generativeFill: GenerativeFill;
  /** Editing with a prompt (deprecated in Scenario's reference, still served). */
  readonly promptEditing: PromptEditing;
  /** Patching: one image merged onto another (override or erase), no model involved. */
  readonly patch: Patch;
  /** Captions of images, as text. */
  readonly caption: Caption;
  /** The style of images or of a model, in words. */
  readonly describeStyle: DescribeStyle;
  /** Prompts completed, invented or structured, as text. */
  readonly prompt: Prompt;
  /** A prompt translated into English. */
  readonly translate: Translate;
  /** A text's embedding vector. */
  readonly embed: Embed;
  /** Any model through `/generate/custom/{modelId}`, its inputs optionally checked against the model's contract. */
  readonly custom: Custom;
  /** Jobs: read, list, cancel, and wait for them (`wait` resumes a job another call gave up on). */
  readonly jobs: Jobs;
  /** Models and their input contracts. */
  readonly models: Models;

  constructor(clientOptions: ClientOptions = {}) {
    const options = parseInput(ClientOptionsSchema, clientOptions, 'client options');
    const connection = options.proxyUrl === undefined ? direct(options) : throughProxy(options.proxyUrl, options);
    const { baseUrl, projectId } = connection;
    const credentials = sentCredentials(connection);
    const { apiKey, apiSecret, token } = credentials;
    const secrets = secretForms(credentials);
    const redact = createRedactor(secrets);
    const redactAnswer = createRedactor(secrets, MIN_ANSWER_SECRET_LENGTH);
    const logger = createLogger(options.logger ?? console, options.logLevel ?? 'warn', redact);
    warnOfSecretInPage(apiSecret, logger);
    this.baseUrl = baseUrl.href.replace(/\/$/, '');
    this.projectId = projectId;
    this.auth = apiKey && apiSecret ? 'basic' : token ? 'bearer' : undefined;
    const transport = new Transport({
      baseUrl,
      projectId,
      timeout: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      logger,
      defaultHeaders: options.defaultHeaders ?? {},
      authorization: options.proxyUrl === undefined ? () => authorizationHeader(credentials) : () => undefined,
      redact,
      redactAnswer,
      userAgent: runtimeUserAgent(VERSION),
      imageSources: { filePaths: options.imageSources?.filePaths ?? true, urls: options.imageSources?.urls ?? true },
    });
    transports.set(this, transport);
    const wait = jobWaiter(transport, assetFetcher(transport));
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
    this.texture = new Texture(generation);
    this.skybox = new Skybox(generation);
    this.skyboxUpscale = new SkyboxUpscale(generation);
    this.pixelate = new Pixelate(generation);
    this.vectorize = new Vectorize(generation);
    this.reframe = new Reframe(generation);
    this.restyle = new Restyle(generation);
    this.segment = new Segment(generation);
    this.generativeFill = new GenerativeFill(generation);
    this.promptEditing = new PromptEditing(generation);
    this.patch = new Patch(generation);
    this.caption = new Caption(generation);
    this.describeStyle = new DescribeStyle(generation);
    this.prompt = new Prompt(generation);
    this.translate = new Translate(generation);
    this.embed = new Embed(generation);
    this.custom = new Custom({ ...generation, models });
  }
  /**
   * Sends one API call as given, for an endpoint the SDK does not type yet or a server that
   * forwards its users' calls (`scenario-sdk/server` does). The same transport as every method:
   * credentials, retries where the retry policy allows (GET and DELETE; other methods only when
   * the server certainly did nothing), timeouts, typed errors (`APIError` with the server's
   * `status` and `reason`) and redaction. Resolves with the 2xx body parsed as JSON, unchecked.
   *
   * @example
   * ```ts
   * const { job } = (await client.request({ method: 'GET', path: '/jobs/job_abc' })) as { job: Job };
   * ```
   */
  async request(call: APICall, options?: RequestOptions): Promise<unknown> {
    const checked = checkRequestOptions(options);
    const { method, path, query, body } = parseInput(APICallSchema, call, 'API call');
    return transportOf(this).request({
      method,
      path,
      query: query as APICall['query'],
      body,
      schema: z.unknown(),
      options: checked,
    });
  }
}

/** One call to the API as `client.request` sends it. */
export interface APICall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the base URL, from `/`, ids already percent-encoded: `/jobs/job_abc`. */
  path: string;
  /** Query parameters; `undefined` drops one, an array repeats it. */
  query?: Record<string, string | number | boolean | undefined | readonly string[]> | undefined;
  /** The JSON body. */
  body?: unknown;
}

/** An API path: from `/`, no query, fragment or dot segment, so it cannot leave the base URL. */
const APICallSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  path: z.string().check(
    z.regex(/^(\/[^/?#]+)+$/, 'expected a path below the base URL such as /jobs/job_abc'),
    z.refine((path) => !/\/\.\.?(\/|$)/.test(path), 'must not contain . or .. segments'),
  ),
  query: z.optional(z.record(z.string(), z.unknown())),
  body: z.optional(z.unknown()),
});

/** Where a client sends its calls, and with which credentials. */
interface Connection extends Credentials {
  baseUrl: URL;
  projectId?: string | undefined;
}

/** Straight to the API: the options, the env filling the gaps. */
function direct(options: ClientOptions): Connection {
  // Credentials passed in replace the env ones as a whole: a token given here must not lose to a key pair from the env.
  const given = options.apiKey !== undefined || options.apiSecret !== undefined || options.token !== undefined;
  const fromEnv = (name: string) => (given ? undefined : readEnv(name));
  const envBaseUrl = options.baseUrl === undefined ? readEnv('SCENARIO_BASE_URL') : undefined;
  return {
    apiKey: options.apiKey ?? fromEnv('SCENARIO_API_KEY'),
    apiSecret: options.apiSecret ?? fromEnv('SCENARIO_API_SECRET'),
    token: options.token ?? fromEnv('SCENARIO_API_TOKEN'),
    baseUrl: parseBaseUrl(options.baseUrl ?? envBaseUrl ?? DEFAULT_BASE_URL, {
      allowInsecureHttp: options.allowInsecureHttp,
      source: envBaseUrl === undefined ? 'baseUrl' : 'SCENARIO_BASE_URL',
    }),
    projectId: options.projectId ?? readEnv('SCENARIO_PROJECT_ID'),
  };
}

/** Through a `scenario-sdk/server` proxy, which adds the credentials and picks the project: the client holds neither, even where the env has them. */
function throughProxy(proxyUrl: string | URL, options: ClientOptions): Connection {
  const refused = (['apiKey', 'apiSecret', 'token', 'baseUrl', 'projectId'] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (refused.length > 0) {
    const message = 'not with proxyUrl: the proxy adds the credentials and picks the project on the server';
    throw new InvalidRequestError(
      'client options',
      refused.map((name) => ({ path: name, message })),
    );
  }
  return { baseUrl: parseProxyUrl(proxyUrl, { allowInsecureHttp: options.allowInsecureHttp }) };
}

/** Each client's transport, kept off the public class. */
const transports = new WeakMap<Scenario, Transport>();

/** The transport a client's resources call: for the SDK's own layers above the client and its tests. */
export function transportOf(client: Scenario): Transport {
  return transports.get(client) as Transport;
}
