import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFIG_FILE_NAME,
  ConfigFileError,
  findJsonSyntaxError,
  loadConfigFile,
  locateConfigFile,
  readConfigFile,
} from '../../../electron/core/config-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `text` as the config file in the temp dir and returns its path. */
function file(text: string, name = CONFIG_FILE_NAME): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

/** The message readConfigFile throws for `text`, without the file's path in front. */
function problem(text: string): string {
  const at = file(text);
  try {
    readConfigFile(at);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    const message = (error as Error).message;
    expect(message.startsWith(`${at}: `)).toBe(true);
    return message.slice(at.length + 2);
  }
  throw new Error('the file was accepted');
}

const VALID = {
  setup: {
    data: 'empty',
    adminPin: '2580',
    teamNames: { sales: 'Vertrieb', marketing: 'Marketing' },
    kpi: { periodKind: 'quarter', target: 30 },
    slides: ['kpi', 'funnel'],
  },
  share: { enabled: true, host: 'lan', port: 8080 },
};

describe('readConfigFile', () => {
  it('reads a valid file, filling in the defaults', () => {
    expect(readConfigFile(file(JSON.stringify(VALID, null, 2)))).toEqual(VALID);
    const minimal = { setup: { data: 'demo', adminPin: '1234', kpi: { target: 5 }, slides: ['kpi'] } };
    expect(readConfigFile(file(JSON.stringify(minimal)))).toEqual({
      setup: {
        ...minimal.setup,
        teamNames: { sales: 'Sales', marketing: 'Marketing' },
        kpi: { periodKind: 'month', target: 5 },
      },
    });
    expect(readConfigFile(file('{ "share": { "enabled": false } }'))).toEqual({
      share: { enabled: false, host: 'loopback', port: 4173 },
    });
    expect(readConfigFile(file('{}'))).toEqual({});
  });

  it('accepts the byte-order mark Notepad writes', () => {
    expect(readConfigFile(file(`\uFEFF${JSON.stringify(VALID)}`))).toEqual(VALID);
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(problem('{\n  "setup": {\n    "data": "demo",\n  }\n}')).toBe(
      'not valid JSON at line 3, column 19: a comma before "}" (JSON allows no trailing comma)',
    );
    expect(problem('{\n  "setup": {\n    data: "demo"\n  }\n}')).toBe(
      'not valid JSON at line 3, column 5: unexpected "d": not JSON (text and property names need "double quotes")',
    );
    expect(problem('{ "share": { "enabled": yes } }')).toMatch(/^not valid JSON at line 1, column 25: unexpected "y"/);
    expect(problem('{ "setup": { "data": "demo"')).toMatch(
      /^not valid JSON at line 1, column 28: the file ends too early/,
    );
    expect(problem('{ "setup": "a\nb" }')).toMatch(
      /^not valid JSON at line 1, column 12: a string that starts here has a line break/,
    );
    expect(problem('{} {}')).toMatch(
      /^not valid JSON at line 1, column 4: unexpected "\{": more text after the end of the JSON value/,
    );
    expect(problem('   ')).toBe('not valid JSON at line 1, column 1: the file is empty');
    expect(problem('// setup\n{}')).toMatch(/^not valid JSON at line 1, column 1: unexpected "\/"/);
  });

  it('refuses a key given twice, which JSON.parse would silently drop', () => {
    expect(problem('{ "share": { "enabled": true,\n "enabled": false } }')).toBe(
      'not valid JSON at line 2, column 2: "share.enabled" is given twice',
    );
  });

  it('names an unknown key with its path', () => {
    expect(problem('{ "setUp": {} }')).toBe('setUp is not a known field (known: setup, share)');
    expect(problem(JSON.stringify({ setup: { ...VALID.setup, theme: 'light' } }))).toBe(
      'setup.theme is not a known field',
    );
    expect(problem(JSON.stringify({ share: { ...VALID.share, tls: true } }))).toBe('share.tls is not a known field');
  });

  it('names the field path of a wrong value or type', () => {
    const setup = (patch: object) => JSON.stringify({ setup: { ...VALID.setup, ...patch } });
    expect(problem(setup({ kpi: { target: 0 } }))).toBe('setup.kpi.target must be at least 1');
    expect(problem(setup({ kpi: { target: '30' } }))).toBe('setup.kpi.target must be a number');
    expect(problem(setup({ kpi: { target: 2.5 } }))).toBe('setup.kpi.target must be a whole number');
    expect(problem(setup({ adminPin: 2580 }))).toBe('setup.adminPin must be a string');
    expect(problem(setup({ slides: ['kpi', 'kpi'] }))).toBe('setup.slides.1 repeats "kpi"');
    expect(problem(setup({ teamNames: { sales: 'A' } }))).toBe('setup.teamNames.marketing is required');
    expect(problem(JSON.stringify({ setup: { data: 'demo' } }))).toBe('setup.adminPin is required');
    expect(problem(JSON.stringify({ share: { enabled: 'yes' } }))).toBe('share.enabled must be true or false');
    expect(problem(JSON.stringify({ share: { enabled: true, port: 80 } }))).toBe('share.port must be 1024 or more');
    expect(problem('[]')).toBe('must hold a JSON object such as { "setup": { … } }');
  });

  it('says so when the file is missing, a folder, or far too big', () => {
    const missing = path.join(dir, 'nope.json');
    expect(() => readConfigFile(missing)).toThrow(new ConfigFileError(`${missing}: there is no such file`));
    expect(() => readConfigFile(dir)).toThrow(/is a folder, not a file/);
    const big = file(`{"setup": "${'x'.repeat(1024 * 1024)}"}`, 'big.json');
    expect(() => readConfigFile(big)).toThrow(/larger than 1 MB/);
  });
});

describe('locateConfigFile and loadConfigFile', () => {
  const dataDir = '/var/lib/alignboard';

  it('prefers --config, then ALIGNBOARD_CONFIG, then the file beside the database', () => {
    const env = { ALIGNBOARD_CONFIG: '/etc/alignboard.json' };
    expect(locateConfigFile({ flag: '/tmp/a.json', env, dataDir })).toEqual({ path: '/tmp/a.json', explicit: true });
    expect(locateConfigFile({ env, dataDir })).toEqual({ path: '/etc/alignboard.json', explicit: true });
    expect(locateConfigFile({ env: { ALIGNBOARD_CONFIG: ' ' }, dataDir })).toEqual({
      path: path.join(dataDir, CONFIG_FILE_NAME),
      explicit: false,
    });
  });

  it('is fine without a file at the default place, but not without an explicitly named one', () => {
    const absent = path.join(dir, CONFIG_FILE_NAME);
    expect(loadConfigFile({ path: absent, explicit: false })).toBeNull();
    expect(() => loadConfigFile({ path: absent, explicit: true })).toThrow(ConfigFileError);
    expect(() => loadConfigFile({ path: absent, explicit: true })).toThrow(`${absent}: there is no such file`);
  });

  it('still checks a file found at the default place', () => {
    const at = file('{ "setup": 1 }');
    expect(() => loadConfigFile({ path: at, explicit: false })).toThrow(`${at}: setup must be an object`);
    expect(loadConfigFile({ path: file(JSON.stringify(VALID)), explicit: false })).toEqual(VALID);
  });
});

describe('findJsonSyntaxError', () => {
  it('says where a comment or a misplaced comma is, in words', () => {
    expect(findJsonSyntaxError('// setup\n{}')).toEqual({
      at: 0,
      problem: 'unexpected "/": comments are not allowed in JSON',
    });
    expect(findJsonSyntaxError('[1 2]')).toEqual({ at: 3, problem: 'unexpected "2": "," was expected' });
    expect(findJsonSyntaxError('[1, 2, ]')).toEqual({
      at: 5,
      problem: 'a comma before "]" (JSON allows no trailing comma)',
    });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}',
      '[]',
      '"text"',
      '0',
      '{"a": 01}',
      '{"a": .5}',
      '{"a": "\\x"}',
      '[1,]',
      '{"a" 1}',
      'nul',
      '[1 2]',
    ];
    for (const sample of samples) {
      let parses = true;
      try {
        JSON.parse(sample);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(sample) === null, sample).toBe(parses);
    }
  });

  it('stops at absurd nesting instead of exhausting the stack', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))).toMatchObject({ problem: 'nested too deeply' });
  });
});
