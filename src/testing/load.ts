/**
 * The ESM entry of `scenario-sdk/testing`, as `import` loads it (its types are `index.ts`'s). A
 * static import of a package that is not installed fails while Node links the modules, before
 * any code could catch it; importing the emulator here lets a missing optional peer be said in
 * one line, with the command that installs the peers. The build leaves `./index.js` external,
 * so the emulator and the chunks it shares with the package's other entries load once.
 */
import { explainMissingPeer, TESTING_PEERS } from './missing-peer.js';

let testing: typeof import('./index.js');
try {
  testing = await import('./index.js');
} catch (error) {
  throw explainMissingPeer(error, 'scenario-sdk/testing', TESTING_PEERS);
}

export const {
  createEmulator,
  DEFAULT_JOB_DURATIONS,
  EMULATOR_USAGE,
  FAULT_KINDS,
  IGNORED_FIELDS_HEADER,
  parseEmulatorArgs,
  startEmulator,
  VirtualClock,
} = testing;
