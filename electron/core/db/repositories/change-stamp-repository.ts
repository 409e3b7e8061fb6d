import type Database from 'better-sqlite3';
import { prepared } from './statements';

/**
 * A value that changes whenever the database may have changed: the rows this connection has written
 * (`total_changes()`, which counts statements that later rolled back too) and the commits of every other
 * connection (`data_version`). Equal stamps on one connection mean nothing was written in between, so a
 * figure worked out at the first can be reused at the second.
 */
export function changeStamp(db: Database.Database): string {
  const changes = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  const version = prepared(db, 'PRAGMA data_version').pluck().get() as number;
  return `${changes}/${version}`;
}
