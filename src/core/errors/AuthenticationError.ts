import { APIError } from './APIError.js';

/** HTTP 401: missing or invalid credentials. */
export class AuthenticationError extends APIError {
  static override get advice(): string {
    return 'Check apiKey/apiSecret (SCENARIO_API_KEY/SCENARIO_API_SECRET) or token (SCENARIO_API_TOKEN)';
  }
}
