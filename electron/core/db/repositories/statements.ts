import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Returns a prepared statement for `sql`, compiled once per connection. Repositories call this instead of
 * `db.prepare` so that hot paths (the demo generator's million rows, a busy wall) do not recompile SQL.
 */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * The newest of several moments, each the result of a scalar subquery such as
 * `SELECT MAX(updated_at) FROM leads`: what a slide's data age (METRICS) is read from. Null when every
 * subquery finds nothing. `params` binds the named parameters the subqueries use.
 */
export function latestOf(
  db: Database.Database,
  subqueries: readonly string[],
  params?: Record<string, string | number>,
): number | null {
  const statement = prepared(
    db,
    `SELECT MAX(${subqueries.map((query) => `COALESCE((${query}), -1)`).join(', ')}) AS latest`,
  );
  const row = (params === undefined ? statement.get() : statement.get(params)) as { latest: number };
  return row.latest < 0 ? null : row.latest;
}
