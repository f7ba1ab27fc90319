import { inspect } from 'node:util';

/**
 * Every rendering of an error a user or a log pipeline might produce: message, `String`,
 * `JSON.stringify`, `util.inspect` and stack, and the message and stack of each cause.
 */
export function renderings(error: unknown): string[] {
  const texts = [JSON.stringify(error), inspect(error, { depth: 10 })];
  for (let current = error; current instanceof Error; current = current.cause) {
    texts.push(current.message, String(current), current.stack ?? '');
  }
  return texts;
}
