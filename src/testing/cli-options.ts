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
  --api-key <key>      with --api-secret: the only Basic credentials accepted
  --api-secret <secret>
  --token <jwt>        the only Bearer token accepted
  --help               show this help
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

/**
 * Options of the `scenario-emulator` bin, from its arguments (`--name value` or `--name=value`).
 * Every value is checked here, so a bad one is a usage error rather than a failure at start.
 */
export function parseEmulatorArgs(argv: readonly string[]): StartEmulatorOptions & { help?: boolean } {
  const options: StartEmulatorOptions & { help?: boolean } = { port: 4010 };
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
      case '--api-key':
        options.apiKey = value;
        break;
      case '--api-secret':
        options.apiSecret = value;
        break;
      case '--token':
        options.token = value;
        break;
      default:
        throw new Error(`unknown option ${flag} (see --help)`);
    }
  }
  const { port: _port, hostname: _hostname, help: _help, ...emulatorOptions } = options;
  resolveOptions(emulatorOptions);
  return options;
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
