/**
 * Short, printable excerpts of bad input for error samples, and `detachString` for values kept long
 * after their line is gone. Samples are attacker-controlled text: control characters are shown as
 * `\xHH`, invalid UTF-8 as U+FFFD, and the length is capped.
 */

export const SAMPLE_MAX_CHARS = 160;

const lenientDecoder = new TextDecoder('utf-8', { fatal: false });

export function printableSample(input: string | Uint8Array, maxChars = SAMPLE_MAX_CHARS): string {
  const text = typeof input === 'string' ? input : lenientDecoder.decode(input.subarray(0, maxChars * 4));
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return cut.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Copies a substring so it does not pin the chunk it was cut from (see core's util/detach-string.ts). */
export { detachString } from '@rampart/core';
