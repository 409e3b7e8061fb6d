// Child process of sigkill.test.ts: opens the database with the pragmas given as JSON in argv[3] (the very
// list the app uses, electron/core/db/pragmas.ts), then writes rows one transaction at a time and prints
// each id only after its commit returned, until it is killed.
import Database from 'better-sqlite3';

const [file, pragmasJson] = process.argv.slice(2);
const db = new Database(file);
for (const pragma of JSON.parse(pragmasJson)) db.pragma(pragma);
db.exec('CREATE TABLE IF NOT EXISTS acked (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO acked (id, body) VALUES (?, ?)');
const write = db.transaction((id) => {
  insert.run(id, 'x'.repeat(200 + (id % 700)));
});
// A rerun on the file a killed run left continues after the last row that made it.
const last = db.prepare('SELECT coalesce(max(id), 0) FROM acked').pluck().get();
for (let id = last + 1; ; id += 1) {
  write(id);
  process.stdout.write(`${id}\n`);
}
