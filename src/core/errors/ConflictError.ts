import { APIError } from './APIError.js';

/** HTTP 409: the resource is in a state that forbids this. */
export class ConflictError extends APIError {
  static override get advice(): string {
    return 'Read its current state before retrying';
  }
}
