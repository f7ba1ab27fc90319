import { ResponseValidationError } from './errors.js';
import { readAllBytes } from './read-bytes.js';
import { redactValue, unredacted } from './redact.js';
import { markPermanent } from './retry.js';

/**
 * The largest 2xx answer to an API call the SDK reads: 32 MiB. The largest real answers (a page
 * of 500 models, 200 assets read at once) are a few MB; a larger one is a broken proxy or a
 * hostile server, and is refused before it is buffered. (Error answers are bounded by ky, at
 * 10 MiB; asset downloads, which are files, by nothing.)
 */
export const MAX_API_ANSWER_BYTES = 32 * 1024 * 1024;

/** How a failed read is reported: the endpoint, the redactor, and advice for a billed call. */
export interface AnswerContext {
  /** `GET /jobs/{id}`. */
  endpoint: string;
  /** Redacts what an error quotes of the answer. */
  redact: (text: string) => string;
  /** Redacts the answer itself. */
  redactAnswer: (text: string) => string;
  /** Added to the error's message: a billed call's work may exist. */
  advice?: string | undefined;
}

/**
 * A 2xx body as JSON (`undefined` when empty), secrets redacted: a server may echo them in a
 * successful answer too (a failed job's `metadata.error`). An answer is data, so only secrets
 * long enough to be real are replaced in it (`redactAnswer`); an error made from it (a
 * `JobFailedError`) is redacted of them all. A body over
 * {@link MAX_API_ANSWER_BYTES}, declared or streamed, is refused before it is buffered past the
 * limit, and the refusal is not retried (the same answer would come again).
 */
export async function readApiAnswer(response: Response, context: AnswerContext): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_API_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(declared, context);
  }
  const bytes = response.body
    ? await readAllBytes(response.body, {
        maxBytes: MAX_API_ANSWER_BYTES,
        tooLarge: (size) => tooLarge(size, context),
      })
    : new Uint8Array(0);
  const answer = parseJson(new TextDecoder().decode(bytes), context);
  // Redacting copies the whole answer (up to 32 MiB): not worth it when no secret can be in it.
  return context.redactAnswer === unredacted ? answer : redactValue(answer, context.redactAnswer);
}

function tooLarge(size: number, { endpoint, advice }: AnswerContext): ResponseValidationError {
  const limit = MAX_API_ANSWER_BYTES / 1024 / 1024;
  const issue = {
    path: '',
    message: `the answer is larger than ${limit} MiB (${size} bytes or more), the SDK's limit for an API answer; it was not read`,
  };
  return markPermanent(new ResponseValidationError(endpoint, [issue], undefined, { advice }));
}

/** A body that is not JSON is the server's fault; a fragment of it is kept, redacted. */
function parseJson(text: string, { endpoint, redact, advice }: AnswerContext): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const safeText = redact(text);
    const issue = { path: '', message: `body is not JSON: ${JSON.stringify(safeText.slice(0, 80))}` };
    throw new ResponseValidationError(endpoint, [issue], safeText, { advice });
  }
}
