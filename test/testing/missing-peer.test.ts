import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { explainMissingPeer, TESTING_PEERS } from '../../src/testing/missing-peer.js';

const notFound = (message: string, code = 'ERR_MODULE_NOT_FOUND') => Object.assign(new Error(message), { code });
const explain = (error: unknown) => explainMissingPeer(error, 'scenario-sdk/testing', TESTING_PEERS);

describe('explainMissingPeer', () => {
  test.each([
    ['an import of a package', notFound("Cannot find package 'msw' imported from /app/dist/chunk.js"), 'msw'],
    [
      'a require of a subpath',
      notFound("Cannot find module 'hono/cors'\nRequire stack:\n- /app/x.cjs", 'MODULE_NOT_FOUND'),
      'hono',
    ],
  ])('turns %s that is not installed into one line with the install command', (_, error, missing) => {
    const explained = explain(error) as Error & { code: string };
    expect(explained.message).toBe(
      `Cannot find package '${missing}', an optional peer dependency of scenario-sdk/testing: npm install hono msw sharp`,
    );
    expect(explained.code).toBe('ERR_SCENARIO_MISSING_PEER');
  });

  test("reads Node's own errors, for import and require, scoped packages included", async () => {
    const name = '@scenario-sdk-test/not-installed';
    const imported = await import(name).catch((error: unknown) => error);
    const required = (() => {
      try {
        return createRequire(import.meta.url)(`${name}/sub`);
      } catch (error) {
        return error;
      }
    })();
    for (const error of [imported, required]) {
      expect((explainMissingPeer(error, 'startEmulator', [name]) as Error).message).toBe(
        `Cannot find package '${name}', an optional peer dependency of startEmulator: npm install ${name}`,
      );
    }
  });

  test('leaves any other error as it is: another package, a missing file of the build, not a module error', () => {
    const errors = [
      notFound("Cannot find package 'left-pad' imported from /app/x.js"),
      notFound("Cannot find module '/app/node_modules/scenario-sdk/dist/chunk-X.js' imported from /app/y.js"),
      new Error("Cannot find package 'msw'"),
      'msw',
    ];
    for (const error of errors) expect(explain(error)).toBe(error);
  });
});
