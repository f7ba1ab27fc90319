import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createClient } from 'redis';
import { REQUIRE_ALL_VARIABLE, requirement } from '../../scripts/runtimes/availability.ts';
import type { RedisCommands } from '../../src/server/index.js';

/** A `redis-server` of this test run, on a unix socket in its own temporary directory. */
export interface RedisServer {
  /** A connected client (the `redis` package). */
  client: RedisCommands & { quit(): Promise<unknown> };
  stop(): Promise<void>;
}

/** REDIS_SERVER_PATH, else `redis-server` on PATH; `undefined` when there is none. */
export function findRedisServer(env = process.env): string | undefined {
  const candidates = env.REDIS_SERVER_PATH
    ? [env.REDIS_SERVER_PATH]
    : (env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'redis-server'));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Why the Redis tests must run although no `redis-server` was found (CI sets
 * RUNTIMES_REQUIRE_ALL=1), or `undefined` when they may be skipped with one line.
 */
export function redisRequiredBy(): string | undefined {
  return requirement('redis-server', process.env, []);
}

export const REDIS_SKIP_LINE = `SKIP redis store tests: no redis-server on PATH (nor REDIS_SERVER_PATH) — install it (Debian/Ubuntu: apt-get install redis-server); ${REQUIRE_ALL_VARIABLE}=1 makes this a failure`;

/** Starts a private `redis-server` (no persistence) and connects to it. */
export async function startRedisServer(binary: string): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-proxy-redis-'));
  const socket = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    binary,
    ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const client = createClient({ socket: { path: socket, reconnectStrategy: false } });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`redis-server did not start: ${error instanceof Error ? error.message : error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    client,
    async stop() {
      await client.quit().catch(() => undefined);
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
