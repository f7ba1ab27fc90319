/**
 * `scenario-sdk/testing`: a local Scenario API (the emulator) for tests and demos, and a
 * virtual clock. Needs the optional peer dependencies `hono` and `msw`; `sharp` for image
 * outputs; `@hono/node-server` for `startEmulator`. The main `scenario-sdk` entry imports none
 * of them.
 */
export type { Clock } from '../core/clock.js';
export { EMULATOR_USAGE, type EmulatorArgs, parseEmulatorArgs } from './cli-options.js';
export { createEmulator, type Emulator } from './emulator.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions, type FaultRule } from './faults.js';
export type { CustomRunner, EmulatorModel, ModelFamily } from './model-catalog.js';
export { type AllowList, DEFAULT_JOB_DURATIONS, type EmulatorOptions, type JobDurationKey } from './options.js';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './server.js';
export type { EmulatorState, IgnoredFields } from './state.js';
export type { EmulatorCounters, RequestLogEntry } from './store.js';
export { IGNORED_FIELDS_HEADER } from './traffic.js';
export type { UploadUrlPolicy } from './url-fetch.js';
export { VirtualClock, type VirtualClockOptions } from './virtual-clock.js';
