import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Overwrites the body of the `deals` table's root b-tree page — everything after its 12-byte header: the
 * cell pointers, free space and cells — with noise, leaving the file's header and every other page intact,
 * so that `quick_check` fails.
 */
export function damageDealsTable(file: string): void {
  const probe = new Database(file, { readonly: true });
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const { rootpage } = probe.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'deals'`).get() as {
    rootpage: number;
  };
  probe.close();
  const fd = fs.openSync(file, 'r+');
  try {
    const noise = Buffer.alloc(pageSize - 12, 0xa5);
    fs.writeSync(fd, noise, 0, noise.length, (rootpage - 1) * pageSize + 12);
  } finally {
    fs.closeSync(fd);
  }
}
