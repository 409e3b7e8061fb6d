/** Letter keys for the reason codes of lead review mode, shown next to each reason. */

/** Keys the review already uses for something else: N notes, J/K previous/next. */
const RESERVED = new Set(['N', 'J', 'K']);

/**
 * Gives each reason a letter of its own: the first free initial of its words ("Bad timing" → B), else
 * the first free letter in it, else any free letter. Stable for a given list, so hands learn them.
 */
export function reasonKeys(labels: readonly string[]): string[] {
  const used = new Set(RESERVED);
  const take = (candidates: Iterable<string>): string | null => {
    for (const raw of candidates) {
      const letter = raw.toUpperCase();
      if (/^[A-Z]$/.test(letter) && !used.has(letter)) {
        used.add(letter);
        return letter;
      }
    }
    return null;
  };
  return labels.map((label) => {
    const initials = label.split(/\s+/).map((word) => word.charAt(0));
    return take(initials) ?? take(label) ?? take('ABCDEFGHIJKLMNOPQRSTUVWXYZ') ?? '';
  });
}
