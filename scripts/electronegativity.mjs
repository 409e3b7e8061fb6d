#!/usr/bin/env node
// `npm run audit:electron`: runs electronegativity on the Electron code (electron/) for the Electron version
// we ship and fails on any HIGH or MEDIUM finding. The tool itself always exits 0, so this script reads
// its CSV. A false positive is silenced where it occurs with the tool's own comment, with the reason:
//   `new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK` (reason on the line above).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The Electron version in package.json's devDependencies; the tool's own guess reads node_modules. */
export const ELECTRON_VERSION = '40.10.2';
export const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const SEVERITIES = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** Parses CSV (RFC 4180: quoted fields with "" escapes and line breaks inside quotes) into rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((cells) => cells.length > 1 || cells[0] !== '');
}

/**
 * The findings of an electronegativity CSV, each { issue, severity, confidence, file, location }. Throws
 * if the file is not what the tool writes (wrong header, a row without a known severity): an unreadable
 * report must fail the audit, not pass it.
 */
export function readFindings(csv) {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header.map((cell) => cell.trim()).join(',') !== HEADER.join(',')) {
    throw new Error(`unexpected CSV header: ${JSON.stringify(header)}`);
  }
  return rows.map((cells, index) => {
    const [issue, severity, confidence, file, location] = cells;
    if (!/^[A-Z_]+$/.test(issue ?? '') || !SEVERITIES.has(severity)) {
      throw new Error(`unreadable finding on row ${index + 2}: ${JSON.stringify(cells.slice(0, 5))}`);
    }
    return { issue, severity, confidence, file, location };
  });
}

/** The findings that fail the audit. */
export function blockingFindings(findings) {
  return findings.filter((finding) => BLOCKING.has(finding.severity));
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'alignboard-electronegativity-'));
  const csvFile = join(dir, 'findings.csv');
  try {
    const preload = pathToFileURL(join(root, 'scripts/support/ordered-writes.mjs')).href;
    const run = spawnSync(
      'npx',
      ['--no-install', 'electronegativity', '-i', 'electron', '-e', ELECTRON_VERSION, '-r', '-o', csvFile],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}` },
        shell: process.platform === 'win32',
      },
    );
    if (run.status !== 0) {
      process.stderr.write(run.stdout + run.stderr);
      throw new Error(`electronegativity exited with ${run.status ?? run.signal}`);
    }
    let csv;
    try {
      csv = readFileSync(csvFile, 'utf8');
    } catch {
      process.stderr.write(run.stdout + run.stderr);
      throw new Error('electronegativity wrote no report');
    }
    const findings = readFindings(csv);
    const blocking = blockingFindings(findings);
    for (const finding of findings) {
      const mark = BLOCKING.has(finding.severity) ? 'FAIL' : 'note';
      console.log(`${mark} ${finding.severity} ${finding.issue} ${finding.file}:${finding.location}`);
    }
    if (blocking.length > 0) {
      console.error(
        `electronegativity: ${blocking.length} HIGH or MEDIUM finding(s); fix them or, if false, eng-disable them with a reason.`,
      );
      return 1;
    }
    console.log(`electronegativity: no HIGH or MEDIUM findings (${findings.length} lower).`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`electronegativity audit failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
