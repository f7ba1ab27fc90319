import type { Upload } from '../../schemas/upload.js';
import { ScenarioError } from './ScenarioError.js';

/** A multipart upload ended with status `failed`; `reason` is the server's `errorMessage`. */
export class UploadFailedError extends ScenarioError {
  readonly uploadId: string;
  readonly upload: Upload;
  readonly reason: string;

  constructor(upload: Upload) {
    const reason = upload.errorMessage || 'no reason given';
    const file = upload.fileName ? ` of ${upload.fileName}` : '';
    super(`Upload ${upload.id}${file} failed: ${reason}. Check that the file is a valid image and upload it again.`);
    this.uploadId = upload.id;
    this.upload = upload;
    this.reason = reason;
  }
}
