import { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
import { DEFAULT_JOB_DURATIONS, JOB_DURATION_KEYS, type JobDurationKey, resolveOptions } from './options.js';
import type { StartEmulatorOptions } from './server.js';

/** `text` as lines of at most 64 characters, indented to the help's second column. */
function wrap(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < 64) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => `${' '.repeat(23)}${line}`).join('\n');
}

/** `scenario-emulator --help`. */
export const EMULATOR_USAGE = `Usage: scenario-emulator [options]

A local Scenario API: in-memory, no network, no credits.

  --port <n>           TCP port (default 4010; 0 picks a free one)
  --host <name>        interface to listen on (default 127.0.0.1)
  --seed <n|text>      seed of ids, images and faults (default 1)
  --latency <ms|a-b>   delay added to every answer, fixed or drawn in [a, b]
  --faults <spec>      fault rates, as JSON ({"serverError":0.1}) or a list such as
                       "429=0.1,500=0.05,reset:GET=0.02,slow=0.1,slowMs=2000"
                       (kinds: 429|rateLimit, 503|unavailable, 500|serverError,
                       502|badGateway, reset|connectionReset, malformed|malformedJson,
                       slow, job|jobFailure; ":GET+PUT" limits a kind to methods)
  --job-durations <list>
                       job time in ms per job type, e.g. "flux=2000,upscale=500"
${wrap(`(defaults: ${JOB_DURATION_KEYS.map((key) => `${key}=${DEFAULT_JOB_DURATIONS[key]}`).join(', ')})`)}
  --strict             refuse body fields Scenario's API does not know (400) instead of
                       ignoring them as the real API does
  --parallel-jobs <n>  unfinished jobs per project before 429 (default 5)
  --project-id <id>    the project API keys belong to (default proj_emulator)
  --upload-urls <public|any>
                       which URLs POST /uploads {url} downloads: public addresses only
                       (default), or any http(s) URL (a test's image server on localhost)
  --allow-origin <origin|*>
                       a browser origin to answer besides loopback ones (repeatable)
  --allow-host <name[:port]|*>
                       a Host name to answer besides loopback ones (repeatable), e.g.
                       the service name in docker compose
  --open               answer any origin and any Host (a LAN demo, docker compose)
  --help               show this help

Credentials (any non-empty ones are accepted unless these are set; from the environment, so
that no other user of this machine sees them in the process list):
  SCENARIO_EMULATOR_API_KEY, SCENARIO_EMULATOR_API_SECRET
                       the only Basic credentials accepted
  SCENARIO_EMULATOR_TOKEN
                       the only Bearer token accepted
  (--api-key, --api-secret and --token still work, with a warning: visible in ps)
`;

const ALIASES: Record<string, FaultKind> = {
  '429': 'rateLimit',
  '503': 'unavailable',
  '500': 'serverError',
  '502': 'badGateway',
  reset: 'connectionReset',
  malformed: 'malformedJson',
  job: 'jobFailure',
};

/** What the `scenario-emulator` bin starts with: the server's options, `--help`, and warnings to print. */
export type EmulatorArgs = StartEmulatorOptions & {
  help?: boolean;
  /** What the bin prints before it starts (a secret given as a flag). */
  warnings?: string[];
};

/** The environment variables the bin reads credentials from. */
const CREDENTIAL_VARIABLES = {
  apiKey: 'SCENARIO_EMULATOR_API_KEY',
  apiSecret: 'SCENARIO_EMULATOR_API_SECRET',
  token: 'SCENARIO_EMULATOR_TOKEN',
} as const;

/**
 * Options of the `scenario-emulator` bin, from its arguments (`--name value` or `--name=value`)
 * and, for the credentials, from `env` (`SCENARIO_EMULATOR_API_KEY`, `SCENARIO_EMULATOR_API_SECRET`,
 * `SCENARIO_EMULATOR_TOKEN`; a flag wins, with a warning, since the command line is visible to
 * every user of the machine). Every value is checked here, so a bad one is a usage error rather
 * than a failure at start.
 */
export function parseEmulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = globalThis.process?.env ?? {},
): EmulatorArgs {
  const options: EmulatorArgs = { port: 4010 };
  const warnings: string[] = [];
  for (const [name, variable] of Object.entries(CREDENTIAL_VARIABLES)) {
    const value = env[variable]?.trim();
    if (value) options[name as keyof typeof CREDENTIAL_VARIABLES] = value;
  }
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      options.help = true;
      continue;
    }
    if (flag === '--strict') {
      options.strict = true;
      continue;
    }
    if (flag === '--open') {
      options.allowOrigins = '*';
      options.allowHosts = '*';
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--port':
        options.port = integer(flag, value);
        if (options.port > 65_535) throw new Error(`--port must be 0–65535, got ${value}`);
        break;
      case '--host':
        options.hostname = value;
        break;
      case '--seed':
        options.seed = /^\d+$/.test(value) ? Number(value) : value;
        break;
      case '--latency':
        options.latency = latency(value);
        break;
      case '--faults':
        options.faults = faults(value);
        break;
      case '--job-durations':
        options.jobDurations = jobDurations(value);
        break;
      case '--parallel-jobs':
        options.parallelJobs = integer(flag, value);
        break;
      case '--project-id':
        options.projectId = value;
        break;
      case '--upload-urls':
        if (value !== 'public' && value !== 'any')
          throw new Error(`--upload-urls must be public or any, got "${value}"`);
        options.uploadUrls = value;
        break;
      case '--allow-origin':
        options.allowOrigins = allowing(options.allowOrigins, value);
        break;
      case '--allow-host':
        options.allowHosts = allowing(options.allowHosts, value);
        break;
      case '--api-key':
        options.apiKey = value;
        break;
      case '--api-secret':
      case '--token':
        options[flag === '--token' ? 'token' : 'apiSecret'] = value;
        warnings.push(
          `${flag} is visible to every user of this machine (ps): set ${flag === '--token' ? CREDENTIAL_VARIABLES.token : CREDENTIAL_VARIABLES.apiSecret} instead`,
        );
        break;
      default:
        throw new Error(`unknown option ${flag} (see --help)`);
    }
  }
  const { port: _port, hostname: _hostname, help: _help, allowHosts: _hosts, ...emulatorOptions } = options;
  resolveOptions(emulatorOptions);
  return warnings.length > 0 ? { ...options, warnings } : options;
}

/** A repeatable allow-list flag: one more entry, or `*` for all. */
function allowing(list: EmulatorArgs['allowOrigins'], value: string): '*' | string[] {
  if (value === '*' || list === '*') return '*';
  return [...(list ?? []), value];
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function latency(value: string): number | [number, number] {
  const [min = 0, max] = value.split('-').map((part) => integer('--latency', part));
  if (max !== undefined && max < min) throw new Error(`--latency: ${value} is not a range from low to high`);
  return max === undefined ? min : [min, max];
}

function jobDurations(list: string): Partial<Record<JobDurationKey, number>> {
  const durations: Partial<Record<JobDurationKey, number>> = {};
  for (const entry of list.split(',').filter(Boolean)) {
    const [key = '', ms = ''] = entry.split('=').map((part) => part.trim());
    if (!(JOB_DURATION_KEYS as string[]).includes(key)) {
      throw new Error(`--job-durations: unknown job type "${key}" (known: ${JOB_DURATION_KEYS.join(', ')})`);
    }
    durations[key as JobDurationKey] = integer(`--job-durations ${key}`, ms);
  }
  return durations;
}

function faults(spec: string): FaultOptions {
  if (spec.trim().startsWith('{')) return JSON.parse(spec) as FaultOptions;
  const result: Record<string, unknown> = {};
  for (const entry of spec.split(',').filter(Boolean)) {
    const [key = '', rate] = entry.split('=');
    const [name = '', methods] = key.trim().split(':');
    const number = Number(rate);
    if (rate === undefined || !Number.isFinite(number)) throw new Error(`--faults: "${entry}" is not name=number`);
    if (name === 'slowMs') {
      result.slowMs = number;
      continue;
    }
    const kind = ALIASES[name] ?? name;
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`--faults: unknown fault "${name}"`);
    result[kind] = methods ? { rate: number, methods: methods.split('+').map((m) => m.toUpperCase()) } : number;
  }
  return result as FaultOptions;
}
