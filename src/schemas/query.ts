import * as z from 'zod/mini';

/**
 * A list the API reads as one comma-separated query value (`tags=a,b`): the caller passes an
 * array. An item that is empty or holds a comma is refused, as the server would split it.
 */
export const commaList = z.codec(
  z.array(z.string().check(z.minLength(1), z.regex(/^[^,]*$/, 'must not contain a comma'))).check(z.minLength(1)),
  z.string(),
  { decode: (items) => items.join(','), encode: (text) => text.split(',') },
);

/** A date the API reads as an ISO string, such as `2025-01-31` or `2025-01-31T12:00:00Z`. */
export const isoDate = z
  .string()
  .check(z.refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date, such as 2025-01-31T12:00:00Z'));
