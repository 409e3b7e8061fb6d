/**
 * Whether a database file holds exactly the schema Alignboard's migrations make: the same tables, indexes,
 * triggers and views, each with the same SQL. A file from elsewhere (a crafted "backup") could otherwise
 * bring a trigger that rewrites every new deal, or a view the app never reads, into the live database.
 */
import Database from 'better-sqlite3';
import { runMigrations } from './migrate';
import { migrations as shippedMigrations, type Migration } from './migrations';

/** One object of a schema as SQLite stores it. */
interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

/** The schema of a connection, without SQLite's own objects (`sqlite_stat1`, `sqlite_autoindex_…`). */
function schemaOf(db: Database.Database): Map<string, SchemaObject> {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
    .all() as SchemaObject[];
  return new Map(rows.map((row) => [`${row.type} ${row.name}`, row]));
}

const references = new Map<number, Map<string, SchemaObject>>();

/** The schema the first `version` migrations make, built once per version in memory. */
function referenceSchema(version: number, migrations: Migration[]): Map<string, SchemaObject> {
  const cached = migrations === shippedMigrations ? references.get(version) : undefined;
  if (cached) return cached;
  const db = new Database(':memory:');
  try {
    runMigrations(db, migrations.slice(0, version));
    const schema = schemaOf(db);
    if (migrations === shippedMigrations) references.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

/**
 * What differs between the schema of `db` and the one the migrations make at the same `user_version`, in
 * plain words (empty when they are the same), e.g. `a trigger "audit" that Alignboard does not create`.
 */
export function schemaDifferences(db: Database.Database, migrations: Migration[] = shippedMigrations): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) return [`schema version ${version}, newer than this Alignboard knows`];
  const expected = referenceSchema(version, migrations);
  const actual = schemaOf(db);
  const differences: string[] = [];
  for (const [key, object] of actual) {
    const wanted = expected.get(key);
    if (!wanted)
      differences.push(`${article(object.type)} ${object.type} "${object.name}" that Alignboard does not create`);
    else if (wanted.sql !== object.sql)
      differences.push(`the ${object.type} "${object.name}" is not defined as Alignboard defines it`);
  }
  for (const [key, object] of expected) {
    if (!actual.has(key)) differences.push(`the ${object.type} "${object.name}" is missing`);
  }
  return differences;
}

/** 'a trigger', 'an index'. */
function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
