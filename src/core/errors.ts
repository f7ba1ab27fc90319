/*
 * Every error the SDK throws, in one place: the hierarchy, and beside it the factory that picks
 * the class for an HTTP status. Messages say what happened and what to do next; none carries a
 * credential (bodies and headers are redacted before they get here), nor the signature of a
 * signed URL (removed here, from every message and from every body, header and job kept).
 */
import type { Job } from '../schemas/job.js';
import type { Model } from '../schemas/model.js';
import type { Upload } from '../schemas/upload.js';
import { redactValue, withoutSignatures } from './redact.js';

/** A value an error keeps, with the signatures of any signed URL in it removed. */
const unsigned = <T>(value: T): T => redactValue(value, withoutSignatures);

const brand = Symbol.for('scenario-sdk.error');

/**
 * Base class of every error the SDK throws. Check with {@link isScenarioError}, which also
 * works across bundles and realms where `instanceof` does not.
 */
export class ScenarioError extends Error {
  /** Realm-safe marker read by {@link isScenarioError}. */
  declare readonly [brand]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(withoutSignatures(message), options);
    // Set here, not as a field initialiser: the CJS build wraps classes with initialised fields
    // in anonymous class expressions, and `new.target.name` then read `_class`.
    (this as { [brand]: true })[brand] = true;
    this.name = new.target.name;
  }

  /** Keeps `JSON.stringify(error)` useful: name and message, never request headers. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...fields } = this as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

/** True for any error thrown by this SDK, whichever copy of it threw. */
export function isScenarioError(value: unknown): value is ScenarioError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

// ---------------------------------------------------------------------------------------------
// The server answered with an error status.

/** Everything the server told us about a failed call. */
export interface APIErrorInit {
  /** The HTTP status. */
  status: number;
  /** Message from the body's `reason | message | error | detail`, or a summary of a non-JSON body. */
  reason: string;
  traceId?: string | undefined;
  details?: unknown;
  body: unknown;
  headers: Record<string, string>;
  method: string;
  /** Path without query string, so no secret or token ever reaches a message. */
  path: string;
  /** What to do next, when it differs from the status class's own advice. */
  advice?: string | undefined;
}

/** The API answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends ScenarioError {
  /**
   * What to do next, appended to the message; subclasses set their own. A getter, not a static
   * field: the CJS build's transform wraps classes with initialised fields in anonymous class
   * expressions, which renamed the errors (`NotFoundError.name === '_class3'`).
   */
  static get advice(): string {
    return '';
  }

  /** The HTTP status. */
  readonly status: number;
  /** The server's message (`reason`, `message`, `error` or `detail`), or a summary of a non-JSON body. */
  readonly reason: string;
  /** The server's `trace_id`, to quote to Scenario support. */
  readonly traceId: string | undefined;
  /** The body's `details` (e.g. `{ actionName, actionLimit }` on a parallel-job 429). */
  readonly details: unknown;
  /** The parsed body (JSON), or its text. */
  readonly body: unknown;
  /** The response headers, lower-cased. */
  readonly headers: Record<string, string>;

  constructor(init: APIErrorInit, advice: string = init.advice ?? (new.target as typeof APIError).advice) {
    const trace = init.traceId ? ` (trace ${init.traceId})` : '';
    super(
      `${init.method} ${init.path} failed with ${init.status}: ${init.reason}${trace}${advice ? `. ${advice}` : ''}`,
    );
    this.status = init.status;
    this.reason = withoutSignatures(init.reason);
    this.traceId = init.traceId;
    this.details = unsigned(init.details);
    this.body = unsigned(init.body);
    this.headers = unsigned(init.headers);
  }

  /**
   * The error for a failed answer, of the class its status names: 400 {@link BadRequestError},
   * 401 {@link AuthenticationError}, 403 {@link PermissionDeniedError}, 404 {@link NotFoundError},
   * 409 {@link ConflictError}, 429 {@link RateLimitError}, ≥500 {@link InternalServerError}, else
   * `APIError`. `retryAfterMs` is what a 429 said about when to retry.
   */
  static generate(init: APIErrorInit, retryAfterMs?: number): APIError {
    // Written outside the class: a class that names itself in its own body is renamed by the
    // build (`_APIError`), and `error.name` comes from the class name.
    return errorForStatus(init, retryAfterMs);
  }
}

/** HTTP 400: the request was rejected as invalid. */
export class BadRequestError extends APIError {
  static override get advice(): string {
    return 'Check the parameters named in the reason';
  }
}

/** HTTP 401: missing or invalid credentials. */
export class AuthenticationError extends APIError {
  static override get advice(): string {
    return 'Check apiKey/apiSecret (SCENARIO_API_KEY/SCENARIO_API_SECRET) or token (SCENARIO_API_TOKEN)';
  }
}

/** HTTP 403: the credentials may not do this (project scope or plan). */
export class PermissionDeniedError extends APIError {
  static override get advice(): string {
    return 'Check the projectId and your plan';
  }
}

/** HTTP 404: no such resource or route. */
export class NotFoundError extends APIError {
  static override get advice(): string {
    return 'Check the id';
  }
}

/** HTTP 409: the resource is in a state that forbids this. */
export class ConflictError extends APIError {
  static override get advice(): string {
    return 'Read its current state before retrying';
  }
}

/** HTTP 429: too many requests or parallel jobs. `retryAfterMs` says when to try again, when known. */
export class RateLimitError extends APIError {
  /** When to try again, in ms (from `Retry-After` or `remainingSeconds`), when the server said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: APIErrorInit, retryAfterMs: number | undefined) {
    super(
      init,
      init.advice ??
        (retryAfterMs === undefined
          ? 'Wait for running jobs to finish, then retry'
          : `Retry in ${Math.ceil(retryAfterMs / 1000)} s`),
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** HTTP 500: the server failed (any 5xx). */
export class InternalServerError extends APIError {}

const classByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

/** {@link APIError.generate}. */
function errorForStatus(init: APIErrorInit, retryAfterMs: number | undefined): APIError {
  if (init.status === 429) return new RateLimitError(init, retryAfterMs);
  if (init.status >= 500) return new InternalServerError(init);
  const ErrorClass = classByStatus[init.status] ?? APIError;
  return new ErrorClass(init);
}

// ---------------------------------------------------------------------------------------------
// No answer: the connection, the timeout, the caller's abort.

/** The request never got an HTTP answer (DNS, refused or reset connection, offline). */
export class APIConnectionError extends ScenarioError {
  /**
   * `false` when the request certainly never reached the server (no connection could be made,
   * or the runtime refused to send it): nothing it asked for was done or billed. Absent when it
   * may have been received, as after a reset mid-request or a timeout.
   */
  declare readonly sent?: false;
}

/** An attempt took longer than `timeout` ms. For billed calls the work may still have been done. */
export class APITimeoutError extends APIConnectionError {}

/**
 * The caller's `signal` aborted the call. Aborted after a job was created (while waiting for it or
 * fetching its outputs), it carries the job's `jobId`; aborted after a model was created for a
 * training, the model's `modelId`. Its message then says whether the work keeps running and how
 * to resume or cancel it.
 */
export class APIUserAbortError extends ScenarioError {
  /** The job that was being waited for, when the abort came after it was created. */
  declare readonly jobId?: string;
  /** The model being trained, when the abort came after it was created. */
  declare readonly modelId?: string;

  constructor(
    message = 'The request was aborted by its signal.',
    options?: { cause?: unknown; jobId?: string; modelId?: string },
  ) {
    super(message, options);
    // Only set when known, so a plain abort has no `jobId` or `modelId` key at all.
    if (options?.jobId !== undefined) (this as { jobId?: string }).jobId = options.jobId;
    if (options?.modelId !== undefined) (this as { modelId?: string }).modelId = options.modelId;
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes: the caller's input before sending, the server's answer after.

/** One problem with the caller's input: where it is and what is wrong. */
export interface InputIssue {
  /** Where: `image`, `numSamples`, `styleImages[1]`; empty for the whole input. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** Bad input, caught before any network call. `issues` lists every problem found. */
export class InvalidRequestError extends ScenarioError {
  /** Every problem found. */
  readonly issues: InputIssue[];

  constructor(what: string, issues: InputIssue[]) {
    const list = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super(`Invalid ${what}: ${list.join('; ')}`);
    this.issues = issues;
  }
}

/**
 * The server answered 2xx with a shape the SDK cannot use. `body` is what it sent. When that was
 * the answer to a submission which still names the job it created, `jobId` carries it.
 */
export class ResponseValidationError extends ScenarioError {
  /** Where the body differs from the expected shape. */
  readonly issues: InputIssue[];
  /** What the server sent. */
  readonly body: unknown;
  /** The job the answered submission created, when the answer names it. */
  declare readonly jobId?: string;

  /** `advice`: what to do next beyond reporting it (a billed call's work may exist). */
  constructor(
    endpoint: string,
    issues: InputIssue[],
    body: unknown,
    options?: { jobId?: string | undefined; cause?: unknown; advice?: string | undefined },
  ) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    const { jobId, advice } = options ?? {};
    const job = jobId
      ? ` It created job ${jobId}, which keeps running on the server and is billed: ${resumeOrCancel(jobId)}.`
      : '';
    const next = advice && !jobId ? ` ${advice}.` : '';
    super(
      `Unexpected response from ${endpoint}: ${list}.${job} Please report this with the SDK version.${next}`,
      options,
    );
    this.issues = unsigned(issues);
    this.body = unsigned(body);
    // Only set when known, so other validation errors have no `jobId` key at all.
    if (options?.jobId !== undefined) (this as { jobId?: string }).jobId = options.jobId;
  }
}

// ---------------------------------------------------------------------------------------------
// Jobs: each error carries the job id, so paid work can always be found again.

/** Base of the job errors: each carries the job id, so paid work can always be found again. */
export class JobError extends ScenarioError {
  /** The job's id: resume with `client.jobs.wait(jobId)` or inspect with `client.jobs.get(jobId)`. */
  readonly jobId: string;

  constructor(jobId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.jobId = jobId;
  }
}

/** What to do about a job that may still run, as the errors that name it say it. */
export function resumeOrCancel(jobId: string): string {
  return `resume with client.jobs.wait('${jobId}') or cancel it with client.jobs.cancel('${jobId}')`;
}

/** The job ended with `failure`. `reason` is `metadata.error`, `hint` the server's suggested fix. */
export class JobFailedError extends JobError {
  /** The failed job. */
  readonly job: Job;
  /** `metadata.error`, or `no reason given`. */
  readonly reason: string;
  /** The server's suggested fix (`metadata.hint`), if any. */
  readonly hint: string | undefined;

  constructor(failed: Job) {
    const job = unsigned(failed);
    const reason = job.metadata?.error ?? 'no reason given';
    const hint = job.metadata?.hint ?? undefined;
    super(job.jobId, `Job ${job.jobId} failed: ${reason}${hint ? `. Hint: ${hint}` : ''}`);
    this.job = job;
    this.reason = reason;
    this.hint = hint;
  }
}

/** The job ended with `canceled`. */
export class JobCanceledError extends JobError {
  /** The canceled job. */
  readonly job: Job;

  constructor(job: Job) {
    super(job.jobId, `Job ${job.jobId} was canceled.`);
    this.job = unsigned(job);
  }
}

/**
 * `wait()` gave up; the job itself keeps running on the server and can be resumed. When the
 * polls before the deadline failed (the API unreachable, answering 503), the message says so and
 * `cause` is the latest poll's error.
 */
export class JobTimeoutError extends JobError {
  /** The job as last polled, if any poll answered. */
  readonly lastJob: Job | undefined;

  constructor(
    jobId: string,
    timeoutMs: number,
    lastJob: Job | undefined,
    /** The polls that failed in a row up to the deadline, the wait riding them out: how many, and the latest error. */
    failedPolls?: FailedPolls,
  ) {
    const status = lastJob
      ? ` (last status ${lastJob.status}, progress ${Math.round((lastJob.progress ?? 0) * 100)}%)`
      : '';
    super(jobId, ...gaveUp('job', jobId, timeoutMs, status, failedPolls));
    this.lastJob = unsigned(lastJob);
  }
}

// ---------------------------------------------------------------------------------------------
// Trainings: each error carries the model id, so a paid training can always be found again.

/**
 * Base of the training errors, and what `client.models.train()` throws for any failure once the
 * model exists (an upload refused, a connection lost: its `cause`). Carries the model's id; the
 * message says how to go on from where it stopped.
 */
export class TrainingError extends ScenarioError {
  /** The model: resume with `client.models.waitForTraining(modelId)`, inspect with `client.models.get(modelId)`. */
  readonly modelId: string;

  constructor(modelId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.modelId = modelId;
  }
}

/** The training ended with the model's status `failed`; the model can be trained again. */
export class TrainingFailedError extends TrainingError {
  /** The model, as last polled. */
  readonly model: Model;

  constructor(model: Model) {
    super(
      model.id,
      `Training of model ${model.id} failed. Check its training images and parameters, then start it again with client.models.startTraining('${model.id}').`,
    );
    this.model = unsigned(model);
  }
}

/** The training ended with the model's status `training-canceled`. */
export class TrainingCanceledError extends TrainingError {
  /** The model, as last polled. */
  readonly model: Model;

  constructor(model: Model) {
    super(model.id, `Training of model ${model.id} was canceled.`);
    this.model = unsigned(model);
  }
}

/**
 * `waitForTraining()` gave up; the training itself keeps running on the server and can be
 * resumed. When the polls before the deadline failed, the message says so and `cause` is the
 * latest poll's error.
 */
export class TrainingTimeoutError extends TrainingError {
  /** The model as last polled, if any poll answered. */
  readonly lastModel: Model | undefined;

  constructor(
    modelId: string,
    timeoutMs: number,
    lastModel: Model | undefined,
    /** The polls that failed in a row up to the deadline, the wait riding them out: how many, and the latest error. */
    failedPolls?: FailedPolls,
  ) {
    const progress = lastModel?.trainingProgress;
    const where = progress
      ? ` (stage ${progress.stage ?? 'unknown'}, progress ${Math.round((progress.progress ?? 0) * 100)}%)`
      : lastModel
        ? ` (status ${lastModel.status})`
        : '';
    super(modelId, ...gaveUp('training', modelId, timeoutMs, where, failedPolls));
    this.lastModel = unsigned(lastModel);
  }
}

/**
 * The polls that failed in a row up to a wait's deadline, the wait riding them out: how many, and the latest error.
 *
 * @inline
 */
export interface FailedPolls {
  count: number;
  lastError: unknown;
}

/** How the timeout of each wait names what it waited for, and how to resume it. */
const waits = {
  job: { subject: 'Job', doing: 'running', finish: 'finish', resume: 'client.jobs.wait' },
  training: { subject: 'Model', doing: 'training', finish: 'finish training', resume: 'client.models.waitForTraining' },
};

/**
 * The message and options of a wait that gave up on `id`: still running after the wait, or, when
 * the polls up to the deadline failed, not seen to finish, the latest poll's error its cause;
 * then how to resume. `state` is the latest state seen, in parentheses.
 */
function gaveUp(
  wait: keyof typeof waits,
  id: string,
  timeoutMs: number,
  state: string,
  failedPolls: FailedPolls | undefined,
): [message: string, options: { cause: unknown } | undefined] {
  const { subject, doing, finish, resume } = waits[wait];
  const after = formatDuration(timeoutMs);
  const what = failedPolls
    ? `${subject} ${id} not seen to ${finish} within ${after}${state}: the last ${plural(failedPolls.count, 'poll')} failed, the latest with: ${messageOf(failedPolls.lastError)}`
    : `${subject} ${id} still ${doing} after ${after}${state}`;
  return [`${what}; resume with ${resume}('${id}').`, failedPolls && { cause: failedPolls.lastError }];
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}

const plural = (count: number, noun: string) => (count === 1 ? noun : `${count} ${noun}s`);

/** What an error says, whatever was thrown: its message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Multipart uploads.

/** A multipart upload ended with status `failed`; `reason` is the server's `errorMessage`. */
export class UploadFailedError extends ScenarioError {
  readonly uploadId: string;
  readonly upload: Upload;
  readonly reason: string;

  constructor(failed: Upload) {
    const upload = unsigned(failed);
    const reason = upload.errorMessage || 'no reason given';
    const file = upload.fileName ? ` of ${upload.fileName}` : '';
    super(`Upload ${upload.id}${file} failed: ${reason}. Check that the file is a valid image and upload it again.`);
    this.uploadId = upload.id;
    this.upload = upload;
    this.reason = reason;
  }
}

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
    this.lastUpload = unsigned(lastUpload);
  }
}
