/**
 * Runs once around all benchmark files: gives them a directory for their results, and afterwards merges
 * those into one table on stdout and `bench-results.json` at the repository root, with every key of the
 * issue present (null and the reason where a figure could not be measured).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { METRICS, type MetricKey, type MetricResult, type PartialResults } from './results';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT = path.join(ROOT, 'bench-results.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-bench-results-'));
  project.provide('benchResultsDir', dir);
  const startedAt = new Date();
  return () => {
    try {
      report(dir, startedAt);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function report(dir: string, startedAt: Date): void {
  const partials = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as PartialResults);
  const measured: Partial<Record<MetricKey, MetricResult>> = {};
  const context: Record<string, unknown> = {};
  for (const partial of partials) {
    Object.assign(measured, partial.metrics);
    Object.assign(context, partial.context);
  }

  const keys = Object.keys(METRICS) as MetricKey[];
  const rows = keys.map((key) => {
    const { unit, budget } = METRICS[key];
    const result = measured[key] ?? {
      value: null,
      reason: 'not measured in this run (its benchmark failed or was filtered out)',
    };
    const pass =
      result.value === null ? null : budget.op === '<=' ? result.value <= budget.limit : result.value >= budget.limit;
    return { key, unit, budget, pass, ...result };
  });

  const json = {
    ...Object.fromEntries(rows.map((row) => [row.key, row.value])),
    machine: machine(context.chromium),
    run: {
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      ...context,
    },
    details: Object.fromEntries(
      rows.map((row) => [
        row.key,
        {
          value: row.value,
          unit: row.unit,
          budget: `${row.budget.op === '<=' ? '≤' : '≥'} ${row.budget.limit}`,
          pass: row.pass,
          ...(row.reason === undefined ? {} : { reason: row.reason }),
          ...(row.notes === undefined ? {} : { notes: row.notes }),
          ...(row.details === undefined ? {} : row.details),
        },
      ]),
    ),
  };
  fs.writeFileSync(OUTPUT, `${JSON.stringify(json, null, 2)}\n`);

  const table = [
    ['key', 'value', 'budget', 'pass/fail', 'notes'],
    ...rows.map((row) => [
      row.key,
      row.value === null ? 'null' : `${row.value} ${row.unit}`,
      `${row.budget.op === '<=' ? '≤' : '≥'} ${row.budget.limit} ${row.unit}`,
      row.pass === null ? '—' : row.pass ? 'pass' : 'FAIL',
      row.value === null ? (row.reason ?? '') : (row.notes ?? ''),
    ]),
  ];
  const widths = table[0]!.map((_, column) =>
    Math.min(column === 4 ? 200 : 40, Math.max(...table.map((row) => row[column]!.length))),
  );
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  const m = json.machine;
  const out = [
    '',
    `Alignboard benchmarks — ${m.cpuModel} (${m.cores} cores), Node ${m.node}, ${m.chromium ?? 'Chromium unknown'}`,
    line(table[0]!),
    rule,
    ...table.slice(1).map(line),
    `written to ${path.relative(process.cwd(), OUTPUT) || OUTPUT}`,
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function machine(chromiumFromRun: unknown): {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string | null;
} {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: typeof chromiumFromRun === 'string' ? chromiumFromRun : chromiumVersion(),
  };
}

function chromiumVersion(): string | null {
  try {
    const text = execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /Chromium [\d.]+/.exec(text)?.[0] ?? null;
  } catch {
    return null;
  }
}
