import { decodeBase64 } from '../../core/base64.js';

const DATA_URL = /^data:[^,]*?(;base64)?,/;

/**
 * Bytes of an image sent as a string: a base64 data URL or raw base64 (POST /assets takes
 * both), or `undefined` when it is neither.
 */
export function decodeImageString(value: string): Uint8Array | undefined {
  const match = DATA_URL.exec(value);
  if (match && !match[1]) return undefined;
  return decodeBase64(match ? value.slice(match[0].length) : value);
}
