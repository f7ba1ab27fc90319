/**
 * Adds what a caller needs to find the work again (an upload's id) to an error raised deep in
 * a flow that knows nothing of it: the fields as own properties, and `note` at the end of the
 * message. An error that already has all the fields is returned untouched.
 */
export function withErrorContext<E>(error: E, fields: Record<string, string>, note: string): E {
  if (!(error instanceof Error)) return error;
  const missing = Object.entries(fields).filter(([name]) => !Object.hasOwn(error, name));
  if (missing.length === 0) return error;
  // V8 renders the stack's first line from the message on its first read: read it before the
  // message changes, so the note appears in it once.
  const stack = error.stack;
  const before = error.message;
  Object.assign(error, Object.fromEntries(missing));
  error.message = `${before} ${note}`;
  if (stack !== undefined) error.stack = stack.replace(before, error.message);
  return error;
}
