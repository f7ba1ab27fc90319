import type { Rng } from './rng.js';

/**
 * Faults the emulator can inject:
 * - before the route runs, so the server did nothing: `rateLimit` (429 + `Retry-After`),
 *   `unavailable` (503);
 * - after the route ran, so any job or asset it made exists but the answer is lost or garbled:
 *   `serverError` (500), `badGateway` (502 with an HTML body, as gateways send),
 *   `connectionReset` (the fetch rejects with a `TypeError`; over HTTP the socket is destroyed),
 *   `malformedJson` (200 with a truncated JSON body);
 * - `slow`: the answer is delayed by `slowMs`;
 * - `jobFailure`: a created job ends in `status: 'failure'` with `metadata.error` and `hint`.
 */
export const FAULT_KINDS = [
  'rateLimit',
  'unavailable',
  'serverError',
  'badGateway',
  'connectionReset',
  'malformedJson',
  'slow',
  'jobFailure',
] as const;
/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

const BEFORE: readonly FaultKind[] = ['rateLimit', 'unavailable'];
const AFTER: readonly FaultKind[] = ['serverError', 'badGateway', 'connectionReset', 'malformedJson'];

/** A fault rate limited to some requests. */
export interface FaultRule {
  /** Probability per matching request, 0–1. */
  rate: number;
  /** Only these methods, e.g. `['GET']` to reset reads only. Default: all. */
  methods?: readonly string[];
  /** Only routes starting with one of these API paths, e.g. `['/jobs', '/generate/img2img']`. Default: all, the signed asset/part URLs included. */
  paths?: readonly string[];
}

/** Per-kind probability (a number, or a {@link FaultRule} to target methods/paths), plus `slowMs`. */
export type FaultOptions = { [K in FaultKind]?: number | FaultRule } & {
  /** Delay of a `slow` answer in ms (real time: it is the network, not the job clock). Default `3000`. */
  slowMs?: number;
};

/** The request facts fault rules match on. */
export interface FaultTarget {
  method: string;
  /** The matched route pattern, e.g. `/jobs/:jobId`. */
  route: string;
}

/** Draws faults from a seeded stream, so a failing run replays exactly with the same seed. */
export class FaultInjector {
  readonly #rules: Map<FaultKind, FaultRule>;
  readonly slowMs: number;

  constructor(options: FaultOptions = {}) {
    this.#rules = new Map();
    for (const kind of FAULT_KINDS) {
      const value = options[kind];
      if (value === undefined) continue;
      const rule = typeof value === 'number' ? { rate: value } : value;
      if (!(rule.rate >= 0 && rule.rate <= 1)) throw new RangeError(`faults.${kind} must be a rate between 0 and 1`);
      this.#rules.set(kind, rule);
    }
    for (const [phase, kinds] of [
      ['before', BEFORE],
      ['after', AFTER],
    ] as const) {
      // Only rules that can match the same request share one draw: rules on disjoint methods or paths may each reach 1.
      const total = Math.max(
        ...probeTargets([...this.#rules.values()]).map((target) =>
          kinds.reduce((sum, kind) => {
            const rule = this.#rules.get(kind);
            return rule && matches(rule, target) ? sum + rule.rate : sum;
          }, 0),
        ),
      );
      if (total > 1)
        throw new RangeError(
          `fault rates of the ${phase} phase (${kinds.join(', ')}) add up to more than 1 for the same requests`,
        );
    }
    this.slowMs = options.slowMs ?? 3000;
  }

  /** The fault (if any) to inject before the route runs. One draw per request, whatever matches. */
  before(target: FaultTarget, rng: Rng): FaultKind | undefined {
    return this.#pick(BEFORE, target, rng.next());
  }

  /** The fault (if any) to inject on the route's answer. */
  after(target: FaultTarget, rng: Rng): FaultKind | undefined {
    return this.#pick(AFTER, target, rng.next());
  }

  /** Whether this answer is slowed down. */
  slow(target: FaultTarget, rng: Rng): boolean {
    return this.#pick(['slow'], target, rng.next()) !== undefined;
  }

  /** Whether a job created by this request will fail. */
  jobFails(target: FaultTarget, rng: Rng): boolean {
    return this.#pick(['jobFailure'], target, rng.next()) !== undefined;
  }

  #pick(kinds: readonly FaultKind[], target: FaultTarget, draw: number): FaultKind | undefined {
    let threshold = 0;
    for (const kind of kinds) {
      const rule = this.#rules.get(kind);
      if (!rule || !matches(rule, target)) continue;
      threshold += rule.rate;
      if (draw < threshold) return kind;
    }
    return undefined;
  }
}

/**
 * One request per class the rules tell apart: each listed method (and none), each listed path (and
 * none). A route's matching paths are the listed prefixes of its longest listed prefix, so these cover every request.
 */
function probeTargets(rules: readonly FaultRule[]): FaultTarget[] {
  const methods = [...new Set(rules.flatMap((rule) => rule.methods ?? []).map((m) => m.toUpperCase())), ''];
  const routes = [...new Set(rules.flatMap((rule) => rule.paths ?? [])), '\u0000'];
  return methods.flatMap((method) => routes.map((route) => ({ method, route })));
}

function matches(rule: FaultRule, { method, route }: FaultTarget): boolean {
  if (rule.methods && !rule.methods.some((m) => m.toUpperCase() === method)) return false;
  return !rule.paths || rule.paths.some((path) => route.startsWith(path));
}
