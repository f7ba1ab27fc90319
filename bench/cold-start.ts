/**
 * Cold start of the proxy as a serverless function: in a fresh Node process, the time of
 * `import('scenario-sdk/server')` + `createProxy(...)`, beside openai-node's `import('openai')` +
 * `new OpenAI({ apiKey })` on the same Node, and the browser client's own `import('scenario-sdk')`
 * + `new Scenario({ proxyUrl })`. Then the same with the first request served (upstream answered
 * by a stub `fetch`): what is loaded on first use rather than at start is counted there. Wall
 * time, and CPU time (user + system), which other load on the machine disturbs less. Many runs
 * alternating them all, medians compared. Runs the built package (`npm run build` first). Goal:
 * the proxy's import + construction no slower than openai-node's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchRow, median, publish, repoRoot } from './_harness.js';

const RUNS = 21;

/** What each process imports and builds. */
const STEPS = {
  proxy:
    "const { createProxy } = await import('scenario-sdk/server'); createProxy({ authorize: () => null, apiKey: 'api_k', apiSecret: 's' });",
  openai: "const { default: OpenAI } = await import('openai'); new OpenAI({ apiKey: 'sk-test' });",
  client:
    "const { Scenario } = await import('scenario-sdk'); new Scenario({ proxyUrl: 'http://localhost:5173/api/scenario' });",
  // A model read forwarded upstream: authorized, routed, checked, sent through the client.
  proxyFirstRequest:
    "const { createProxy } = await import('scenario-sdk/server'); const proxy = createProxy({ authorize: () => 'user_1', apiKey: 'api_k', apiSecret: 's', fetch: async () => Response.json({ model: { id: 'model_x' } }) }); const answer = await proxy.fetch(new Request('http://app/api/scenario/models/model_x')); if (answer.status !== 200) throw new Error('proxy answered ' + answer.status);",
  openaiFirstRequest:
    "const { default: OpenAI } = await import('openai'); const client = new OpenAI({ apiKey: 'sk-test', fetch: async () => Response.json({ id: 'gpt-x', object: 'model', created: 0, owned_by: 'x' }) }); await client.models.retrieve('gpt-x');",
};
type Step = keyof typeof STEPS;
type Kind = 'wall' | 'cpu';

/** Wall and CPU ms of one fresh process, from before its import to after its construction. */
function once(step: string): Record<Kind, number> {
  const script = `const t = performance.now(); const c = process.cpuUsage(); ${step} const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot(),
    encoding: 'utf8',
  });
  const [wall = Number.NaN, cpu = Number.NaN] = out.trim().split(' ').map(Number);
  return { wall, cpu };
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(join(repoRoot(), 'dist', 'server', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const steps = Object.keys(STEPS) as Step[];
  const runs = new Map<Step, Array<Record<Kind, number>>>(steps.map((step) => [step, []]));
  for (const step of steps) once(STEPS[step]); // warms the disk cache
  for (let round = 0; round < RUNS; round++) for (const step of steps) runs.get(step)?.push(once(STEPS[step]));
  const medianOf = (step: Step, kind: Kind) => median((runs.get(step) ?? []).map((times) => times[kind]));
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const ratio = (ours: number, theirs: number) => `${ms(ours)} vs ${ms(theirs)} = ${(ours / theirs).toFixed(2)}×`;
  const row = (kind: Kind, what: string): BenchRow => {
    const [proxy, openai] = [medianOf('proxy', kind), medianOf('openai', kind)];
    return {
      bench: 'cold start',
      measure: `import + createProxy() vs openai-node's import + new OpenAI(), fresh Node, ${what} (median of ${RUNS})`,
      value: ratio(proxy, openai),
      goal: '≤ 1.00×',
      ok: proxy <= openai,
      note: `all alternate in each round; the browser client alone (import + new Scenario({ proxyUrl })): ${ms(medianOf('client', kind))}`,
    };
  };
  const firstRequest = (kind: Kind, what: string): BenchRow => ({
    bench: 'cold start',
    measure: `the same, then the first request (a model read, upstream stubbed) vs openai-node's models.retrieve(), ${what} (median of ${RUNS})`,
    value: ratio(medianOf('proxyFirstRequest', kind), medianOf('openaiFirstRequest', kind)),
    goal: '',
  });
  return [
    row('wall', 'wall time'),
    row('cpu', 'CPU time'),
    firstRequest('wall', 'wall time'),
    firstRequest('cpu', 'CPU time'),
  ];
}

if (import.meta.main) publish(await run());
