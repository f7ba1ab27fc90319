import { sleep } from '../core/abort.js';
import type { Clock } from '../core/clock.js';

/**
 * `Date.now()` time, the emulator's default. Unlike the SDK's monotonic `realClock`, the
 * emulator needs epoch time: its clock dates `createdAt` and `statusHistory`.
 */
export const systemClock: Clock = { now: () => Date.now(), sleep };
