/**
 * The connection settings every Alignboard writer connection runs with, kept in a plain module so that a
 * test's child process (tests/integration/faults/sigkill.test.ts) opens its connection exactly the same way.
 *
 * WAL lets displays read while a write goes on; synchronous=FULL because an acknowledged write on a kiosk
 * that loses power must still be there; the busy timeout rides out a backup or a second process.
 */
export const CONNECTION_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
] as const;

/** Anything with better-sqlite3's `pragma` method (the child process passes its own connection). */
export interface PragmaTarget {
  pragma(source: string): unknown;
}

/** Applies {@link CONNECTION_PRAGMAS} to a freshly opened connection, in order. */
export function applyConnectionPragmas(db: PragmaTarget): void {
  for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
}
