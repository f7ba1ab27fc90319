#!/usr/bin/env node
// The `scenario-emulator` bin: a local Scenario API over HTTP (see `--help`). Runs the built package.
import { EMULATOR_USAGE, parseEmulatorArgs, startEmulator } from '../dist/testing/index.js';

let options;
try {
  options = parseEmulatorArgs(process.argv.slice(2));
} catch (error) {
  console.error(`scenario-emulator: ${error.message}\n\n${EMULATOR_USAGE}`);
  process.exit(1);
}
if (options.help) {
  console.log(EMULATOR_USAGE);
  process.exit(0);
}

const emulator = await startEmulator(options);
console.log(`Scenario emulator listening on ${emulator.url}
  baseUrl: ${emulator.url}   (any Basic or Bearer credentials${options.apiKey ? ' matching --api-key/--api-secret' : ''})
  try:     curl -u key:secret ${emulator.url}/models`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
