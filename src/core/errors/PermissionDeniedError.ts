import { APIError } from './APIError.js';

/** HTTP 403: the credentials may not do this (project scope or plan). */
export class PermissionDeniedError extends APIError {
  static override get advice(): string {
    return 'Check the projectId and your plan';
  }
}
