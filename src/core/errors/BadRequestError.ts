import { APIError } from './APIError.js';

/** HTTP 400: the request was rejected as invalid. */
export class BadRequestError extends APIError {
  static override get advice(): string {
    return 'Check the parameters named in the reason';
  }
}
