import { APIConnectionError } from './APIConnectionError.js';

/** An attempt took longer than `timeout` ms. For billed calls the work may still have been done. */
export class APITimeoutError extends APIConnectionError {}
