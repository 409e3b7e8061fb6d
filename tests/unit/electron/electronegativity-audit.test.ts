import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { blockingFindings, ELECTRON_VERSION, parseCsv, readFindings } from '../../../scripts/electronegativity.mjs';

type Finding = { issue: string; severity: string };
const header = 'issue, severity, confidence, filename, location, sample, description, url\n';
const row = (issue: string, severity: string, sample = 'x') =>
  `${issue},"${severity}","FIRM","main/windows.ts","1:2","${sample}","desc",https://example.org/${issue}\n`;

describe('the electronegativity audit', () => {
  it('parses quoted fields with commas, escaped quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\n')).toEqual([['a', 'b, c', 'say "hi"', 'two\nlines']]);
  });

  it('fails on HIGH and MEDIUM findings and lets LOW and INFORMATIONAL pass', () => {
    const findings = readFindings(
      header +
        row('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'new BrowserWindow({\n  a: "b"\n})') +
        row('SANDBOX_JS_CHECK', 'MEDIUM') +
        row('CSP_GLOBAL_CHECK', 'LOW') +
        row('X_CHECK', 'INFORMATIONAL'),
    ) as Finding[];
    expect(findings.map((finding) => finding.issue)).toHaveLength(4);
    expect((blockingFindings(findings) as Finding[]).map((finding) => finding.severity)).toEqual(['HIGH', 'MEDIUM']);
  });

  it('passes an empty report', () => {
    expect(blockingFindings(readFindings(header))).toEqual([]);
  });

  it('refuses a damaged report rather than passing it', () => {
    // What the tool writes when its header overwrites the first row (the race ordered-writes.mjs prevents).
    const damaged =
      header + `ted in the target application",https://example.org/CSP_GLOBAL_CHECK\n` + row('A_CHECK', 'LOW');
    expect(() => readFindings(damaged)).toThrow();
    expect(() => readFindings('')).toThrow(/header/);
  });

  it('audits for the Electron version the app ships', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.devDependencies.electron).toBe(ELECTRON_VERSION);
    expect(pkg.scripts['audit:electron']).toBe('node scripts/electronegativity.mjs');
    const ci = readFileSync(join(import.meta.dirname, '../../../.ci/run'), 'utf8');
    expect(ci.indexOf('npm run audit:electron')).toBeGreaterThan(ci.indexOf('npm run lint'));
  });
});
