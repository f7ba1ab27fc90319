/*
 * Text from outside the command (a job's failure reason, an asset id, a manifest value echoed in
 * an error) made safe to print on a terminal. Escape sequences could rewrite the screen, set the
 * clipboard (OSC 52), or fake a result line; bidirectional overrides could reorder what is read.
 */

/**
 * Terminal escape sequences, 7-bit (ESC …) and 8-bit (C1): strings (OSC, DCS, SOS, PM, APC) up to
 * their terminator or the end, CSI with its parameters, and any other ESC pair.
 */
const SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?/g;
/** Control characters but tab and line feed, DEL, C1, and the bidirectional overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: escape sequences removed, other control characters shown as `�`; lines kept. */
export function printable(text: string): string {
  return text.replace(SEQUENCE, '').replace(/\r\n?/g, '\n').replace(CONTROL, '\uFFFD');
}

/** {@link printable} on one line: line breaks and tabs become spaces, runs of them one. */
export function printableLine(text: string): string {
  return printable(text)
    .replace(/\s*[\n\t]\s*/g, ' ')
    .trim();
}

/**
 * A value as one line of JSON that a terminal shows as it is: `JSON.stringify` escapes C0 but
 * leaves DEL, C1 and the bidirectional controls raw, so those are escaped too (same value).
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
