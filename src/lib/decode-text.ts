/**
 * Turns a file's bytes into text the way the import expects it. Spreadsheets save CSV as UTF-8 (often with a
 * byte-order mark) or as "Unicode text", which is UTF-16 with a byte-order mark; the mark says which, so it
 * is sniffed first. Anything without a mark is read as UTF-8, and bytes that are not UTF-8 become U+FFFD,
 * which the server then refuses with a message naming the line and column (rather than guessing a legacy
 * code page here and importing mojibake).
 */

/** The encodings the import reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces, and the mark's length; UTF-8 without a mark otherwise. */
export function sniffEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * Decodes a whole file, or with `partial` the start of one: then a character cut at the end is left out
 * instead of becoming U+FFFD. The byte-order mark is dropped.
 */
export function decodeText(
  bytes: Uint8Array,
  options: { partial?: boolean } = {},
): { text: string; encoding: TextEncodingName } {
  const { encoding, bom } = sniffEncoding(bytes);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const text = decoder.decode(bytes.subarray(bom), { stream: options.partial === true });
  return { text, encoding };
}
