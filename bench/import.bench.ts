/**
 * CSV import at 100,000 rows: a HubSpot deals export generated into a temp dir, read and decoded the way the
 * admin view does, then imported through the dispatcher into a fresh database (parse, check every value, one
 * transaction, commit). The median of a few runs is `import_100k_rows_s`; a re-import of the same file
 * (every row an update) is reported beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportPreview, ImportResult } from '@shared/import-types';
import { createCore, type Core } from '../electron/core/create-core';
import { fixedClock } from '../electron/core/services/clock';
import { decodeText } from '../src/lib/decode-text';
import { median, recordResults, round } from './support/results';

const ROWS = 100_000;
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const NOW = Date.UTC(2026, 10, 18, 14, 30);
const OWNERS = ['Ana Lima', 'Jonas Weber', 'Priya Nair', 'Mateo García', 'Sophie Martin', 'Lukas Novak'];
const STAGES = [
  'Appointment Scheduled',
  'Qualified To Buy',
  'Presentation Scheduled',
  'Decision Maker Bought-In',
  'Contract Sent',
  'Closed Won',
  'Closed Lost',
];
const log = (line: string) => process.stdout.write(`[bench:import] ${line}\n`);

let dir: string;
let file: string;

/** A HubSpot deals export of `rows` rows with the variety of a real one (quoted titles, decimals, owners). */
function hubspotDeals(rows: number): string {
  const lines = ['Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Currency'];
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  for (let i = 0; i < rows; i++) {
    const created = NOW - 400 * day + ((i * 7919) % (390 * day));
    const stage = STAGES[i % STAGES.length]!;
    const closed = stage.startsWith('Closed') ? iso(created + ((i % 60) + 1) * day).slice(0, 10) : '';
    const title =
      i % 5 === 0 ? `"Customer ${i}, renewal ""${i % 3 === 0 ? 'pro' : 'team'}"""` : `Customer ${i} – new business`;
    const amount =
      i % 4 === 0 ? `${1000 + (i % 90_000)}.${String(i % 100).padStart(2, '0')}` : String(500 + (i % 250_000));
    lines.push(
      `${3_000_000 + i},${title},${stage},${closed},${OWNERS[i % OWNERS.length]},${amount},${iso(created)},Sales Pipeline,EUR`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function openCore(run: number): Core {
  const core = createCore({
    dbFile: path.join(dir, `import-${run}.db`),
    clock: fixedClock(NOW),
    version: 'bench',
    demo: 'never',
    timezone: 'Europe/Berlin',
  });
  const person = core.ctx.db.prepare(
    `INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, ?, 'sales', 0, 0)`,
  );
  OWNERS.forEach((name, index) => person.run(`bench-person-${index}`, name));
  return core;
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const outcome = await core.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message.slice(0, 500)}`);
  return outcome.result as T;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-bench-import-'));
  file = path.join(dir, 'hubspot-deals-100k.csv');
  fs.writeFileSync(file, hubspotDeals(ROWS));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import', () => {
  test('import_100k_rows_s: a 100,000-row HubSpot deals export, parsed, checked and written', async () => {
    const bytes = fs.statSync(file).size;
    const imports: number[] = [];
    const reimports: number[] = [];
    const previews: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const core = openCore(run);
      try {
        const text = decodeText(new Uint8Array(fs.readFileSync(file))).text;
        let started = performance.now();
        const preview = await call<ImportPreview>(core, 'import.preview', {
          fileName: 'hubspot-deals-100k.csv',
          sample: text.slice(0, 256 * 1024),
          complete: false,
        });
        previews.push(performance.now() - started);
        expect(preview.problems).toEqual([]);
        const input = {
          fileName: 'hubspot-deals-100k.csv',
          content: text,
          format: preview.format,
          mapping: preview.suggestedMapping,
        };
        started = performance.now();
        const result = await call<ImportResult>(core, 'import.run', input);
        imports.push((performance.now() - started) / 1000);
        expect(result).toMatchObject({ rows: ROWS, imported: ROWS, updated: 0 });
        started = performance.now();
        const again = await call<ImportResult>(core, 'import.run', input);
        reimports.push((performance.now() - started) / 1000);
        expect(again).toMatchObject({ imported: 0, updated: ROWS });
      } finally {
        core.close();
      }
      log(`run ${run + 1}: import ${imports.at(-1)!.toFixed(2)} s, re-import ${reimports.at(-1)!.toFixed(2)} s`);
    }
    const value = median(imports);
    log(`import of ${ROWS} rows (${(bytes / 2 ** 20).toFixed(1)} MiB): median ${value.toFixed(2)} s over ${RUNS} runs`);
    recordResults('import', {
      metrics: {
        import_100k_rows_s: {
          value: round(value),
          notes:
            `median of ${RUNS} imports of a ${(bytes / 2 ** 20).toFixed(1)} MiB HubSpot deals CSV into a fresh database ` +
            `through the dispatcher (parse, checks, one transaction); re-import (all updates) ${round(median(reimports))} s`,
          details: {
            rows: ROWS,
            bytes,
            runs: imports.map((seconds) => round(seconds, 3)),
            reimportMedianSeconds: round(median(reimports), 3),
            previewMedianMs: round(median(previews), 1),
          },
        },
      },
    });
  });
});
