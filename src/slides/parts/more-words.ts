/**
 * What a list on the wall leaves out, counted: "3 more meetings", "1 more win". `noun` is singular (its
 * plural adds an s); `written` is the count as the screen writes it (the room's digits), by default as is.
 */
export function moreWords(count: number, noun: string, written = String(count)): string {
  return `${written} more ${count === 1 ? noun : `${noun}s`}`;
}
