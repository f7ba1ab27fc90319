/**
 * The emulator's optional peer dependencies, and the error a missing one becomes: one line that
 * names the package and the command that installs the peers, instead of Node's
 * `ERR_MODULE_NOT_FOUND` and a stack.
 */

/** What `scenario-sdk/testing` needs installed: hono and msw to load, sharp for images. */
export const TESTING_PEERS = ['hono', 'msw', 'sharp'] as const;

/** The package an import or require could not find (`hono` for `hono/cors`), from Node's or Bun's error. */
function missingPackage(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (!(error instanceof Error) || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) return undefined;
  const specifier = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  return specifier
    ?.split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/**
 * `error` as one line — `Cannot find package 'msw', an optional peer dependency of
 * scenario-sdk/testing: npm install hono msw sharp` — when it says that one of `peers` is not
 * installed; `error` itself otherwise.
 */
export function explainMissingPeer(error: unknown, neededBy: string, peers: readonly string[]): unknown {
  const missing = missingPackage(error);
  if (missing === undefined || !peers.includes(missing)) return error;
  const message = `Cannot find package '${missing}', an optional peer dependency of ${neededBy}: npm install ${peers.join(' ')}`;
  return Object.assign(new Error(message), { code: 'ERR_SCENARIO_MISSING_PEER' });
}
