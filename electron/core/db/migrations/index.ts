/** A numbered schema migration; `sql` holds no BEGIN/COMMIT (the runner adds the transaction). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const files = import.meta.glob<string>('./*.sql', { query: '?raw', import: 'default', eager: true });

/** Parses `./0001_initial.sql` into version 1, name 'initial'. */
function toMigration([path, sql]: [string, string]): Migration {
  const match = /^\.\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
  if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${path}`);
  return { version: Number(match[1]), name: match[2]!, sql };
}

/** Every migration shipped with the app, in version order. */
export const migrations: Migration[] = Object.entries(files)
  .map(toMigration)
  .sort((a, b) => a.version - b.version);
