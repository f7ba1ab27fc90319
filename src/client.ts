import { DEFAULT_BASE_URL, parseBaseUrl } from './core/base-url.js';
import { authorizationHeader, base64 } from './core/credentials.js';
import { readEnv, runtimeUserAgent } from './core/env.js';
import { createLogger } from './core/logger.js';
import type { ClientOptions } from './core/options.js';
import { createRedactor } from './core/redact.js';
import { Transport } from './core/transport.js';
import { VERSION } from './core/version.js';

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
  /** The transport every resource calls; exposed for advanced use and testing. */
  readonly transport: Transport;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('SCENARIO_API_KEY');
    const apiSecret = options.apiSecret ?? readEnv('SCENARIO_API_SECRET');
    const token = options.token ?? readEnv('SCENARIO_API_TOKEN');
    const redact = createRedactor([
      apiKey,
      apiSecret,
      token,
      apiKey && apiSecret ? base64(`${apiKey}:${apiSecret}`) : undefined,
    ]);
    this.transport = new Transport({
      baseUrl: parseBaseUrl(options.baseUrl ?? readEnv('SCENARIO_BASE_URL') ?? DEFAULT_BASE_URL),
      projectId: options.projectId ?? readEnv('SCENARIO_PROJECT_ID'),
      timeout: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      logger: createLogger(options.logger ?? console, options.logLevel ?? 'warn', redact),
      defaultHeaders: options.defaultHeaders ?? {},
      authorization: () => authorizationHeader({ apiKey, apiSecret, token }),
      redact,
      userAgent: runtimeUserAgent(VERSION),
    });
  }
}
