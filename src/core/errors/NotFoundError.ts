import { APIError } from './APIError.js';

/** HTTP 404: no such resource or route. */
export class NotFoundError extends APIError {
  static override get advice(): string {
    return 'Check the id';
  }
}
