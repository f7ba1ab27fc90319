#!/usr/bin/env node
// The `scenario-emulator` bin: a local Scenario API over HTTP (see `--help`). Runs the built package.

/** Exit codes: 1 when the server cannot start, 2 for a usage mistake or a missing peer (as the `scenario` CLI). */
const CANNOT_START = 1;
const USAGE = 2;

// The server needs all the package's optional peer dependencies: say which are missing in one
// line, before the emulator's own imports would fail with a stack.
const PEERS = ['hono', 'msw', 'sharp', '@hono/node-server'];
const missing = PEERS.filter((name) => {
  try {
    return !import.meta.resolve(name);
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  console.error(
    `scenario-emulator: cannot find ${missing.join(', ')} (optional peer dependencies of scenario-sdk): npm install ${PEERS.join(' ')}`,
  );
  process.exit(USAGE);
}
const { EMULATOR_USAGE, parseEmulatorArgs, startEmulator } = await import('../dist/testing/load.js');

/** How often (ms) the bin checks that the process that started it is still there. */
const PARENT_CHECK_MS = 500;

let options;
try {
  options = parseEmulatorArgs(process.argv.slice(2));
} catch (error) {
  console.error(`scenario-emulator: ${error.message}\n\n${EMULATOR_USAGE}`);
  process.exit(USAGE);
}
if (options.help) {
  console.log(EMULATOR_USAGE);
  process.exit(0);
}
for (const warning of options.warnings ?? []) console.error(`scenario-emulator: warning: ${warning}`);

let emulator;
try {
  emulator = await startEmulator(options);
} catch (error) {
  const where = `${options.hostname ?? '127.0.0.1'}:${options.port}`;
  const reasons = {
    EADDRINUSE: `${where} is already in use: pick another with --port <n>, or --port 0 for a free one`,
    EACCES: `not allowed to listen on ${where}: use a port above 1023, or --port 0 for a free one`,
    EADDRNOTAVAIL: `cannot listen on ${where}: --host must be an address of this machine`,
  };
  console.error(`scenario-emulator: ${reasons[error.code] ?? error.message}`);
  process.exit(CANNOT_START);
}
console.log(`Scenario emulator listening on ${emulator.url}
  baseUrl: ${emulator.url}   (${options.apiKey || options.token ? 'only the credentials configured' : 'any Basic or Bearer credentials'})
  try:     curl -u key:secret ${emulator.url}/models?privacy=public`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Launchers such as npx can be killed without passing the signal on; the server must not outlive
// them, holding its port. An orphan is re-parented, so a changed parent id means it is gone.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, PARENT_CHECK_MS).unref();
