import { APIError } from './APIError.js';

/** HTTP 500: the server failed (any 5xx). */
export class InternalServerError extends APIError {}
