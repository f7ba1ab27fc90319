import { APIError } from './APIError.js';

/** HTTP 404: no such resource or route. */
export class NotFoundError extends APIError {
  static override readonly advice = 'Check the id';
}
