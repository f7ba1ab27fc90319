import { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
import type { StartEmulatorOptions } from './server.js';

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
  --parallel-jobs <n>  unfinished jobs per project before 429 (default 5)
  --project-id <id>    default project (default proj_emulator)
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

/** Options of the `scenario-emulator` bin, from its arguments (`--name value` or `--name=value`). */
export function parseEmulatorArgs(argv: readonly string[]): StartEmulatorOptions & { help?: boolean } {
  const options: StartEmulatorOptions & { help?: boolean } = { port: 4010 };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      options.help = true;
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--port':
        options.port = integer(flag, value);
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
  return options;
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function latency(value: string): number | [number, number] {
  const [min, max] = value.split('-').map((part) => integer('--latency', part));
  return max === undefined ? (min as number) : [min as number, max];
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
