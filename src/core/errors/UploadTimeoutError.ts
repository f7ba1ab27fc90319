import type { Upload } from '../../schemas/upload.js';
import { ScenarioError } from './ScenarioError.js';

/** A multipart upload was sent but not imported in time; the server may still finish it. */
export class UploadTimeoutError extends ScenarioError {
  readonly uploadId: string;
  readonly lastUpload: Upload | undefined;

  constructor(uploadId: string, timeoutMs: number, lastUpload: Upload | undefined) {
    const status = lastUpload ? ` (last status ${lastUpload.status})` : '';
    super(
      `Upload ${uploadId} still processing after ${Math.round(timeoutMs / 1000)} s${status}; ` +
        'its asset may still appear in client.assets.list() once the server finishes importing it.',
    );
    this.uploadId = uploadId;
    this.lastUpload = lastUpload;
  }
}
