import type Database from 'better-sqlite3';

/**
 * Runs `load` with the secondary indexes of `tables` dropped, then recreates them from their stored
 * definitions. Building an index once over the loaded rows is much cheaper than updating it on every
 * insert, which is what makes a million generated deals affordable. Must run inside a transaction, so that
 * a failure restores the indexes with everything else. Indexes SQLite made itself (primary keys, UNIQUE)
 * are not touched.
 */
export function withIndexesDeferred<T>(db: Database.Database, tables: readonly string[], load: () => T): T {
  if (!db.inTransaction) throw new Error('withIndexesDeferred must run inside a transaction');
  const indexes = tables.flatMap(
    (table) =>
      db
        .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .all(table) as { name: string; sql: string }[],
  );
  // Index names come from the schema itself, never from input; quoted all the same.
  for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  const result = load();
  for (const index of indexes) db.exec(index.sql);
  return result;
}
