/**
 * The config file of an unattended install: `alignboard.config.json` holds what the first-run
 * setup screen would ask (`setup`) and whether to share the display on the LAN (`share`), so that a
 * machine set up by a script needs nobody at the screen. Reading it is plain Node and writes nothing; the
 * core applies it (config-setup.ts).
 *
 * Every problem is one {@link ConfigFileError} whose message names the file and, for a wrong value, the
 * field by its path (`alignboard.config.json: setup.kpi.target must be at least 1`), or, for broken JSON,
 * the line and column.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { setupInput } from '@shared/methods/setup-methods';
import { shareSettingsInput } from '@shared/methods/sharing-methods';
import { describeIssue, plainWords } from '@shared/issue-words';

/** The file's name in the data folder, beside `alignboard.db`. */
export const CONFIG_FILE_NAME = 'alignboard.config.json';
/** The environment variable naming a config file. */
export const CONFIG_ENV = 'ALIGNBOARD_CONFIG';
/** A config file is a few hundred bytes; anything this big is the wrong file. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a config file may hold; every part is optional, and an unknown key is an error. */
export const configFileSchema = z
  .object({
    /** the first-run setup, applied on the first start of an empty database */
    setup: setupInput.optional(),
    /** the `lan.share` setting, stored on the first start (the admin may change it later) */
    share: shareSettingsInput.optional(),
  })
  .strict();

/** A config file's content, defaults filled in. */
export type AlignboardConfig = z.output<typeof configFileSchema>;

/** A config file that cannot be used; the message names the file and says what is wrong. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/** Where the config file is looked for, and whether someone asked for that file explicitly. */
export interface ConfigLocation {
  path: string;
  /** true for `--config` and the environment variable: then a missing file is an error */
  explicit: boolean;
}

/**
 * Where to read the config from: the command line's path first, then the environment variable
 * ({@link CONFIG_ENV}), else {@link CONFIG_FILE_NAME} in the data folder.
 */
export function locateConfigFile(options: {
  flag?: string;
  env: Record<string, string | undefined>;
  dataDir: string;
}): ConfigLocation {
  if (options.flag !== undefined) return { path: options.flag, explicit: true };
  const fromEnv = options.env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { path: fromEnv, explicit: true };
  return { path: join(options.dataDir, CONFIG_FILE_NAME), explicit: false };
}

/**
 * Reads the config at `location`: null when the default location holds no file (nothing to apply), else
 * the checked config. Throws {@link ConfigFileError} for an explicit path that does not exist and for any
 * file that cannot be read, is not valid JSON, or does not fit {@link configFileSchema}.
 */
export function loadConfigFile(location: ConfigLocation): AlignboardConfig | null {
  if (!location.explicit && !exists(location.path)) return null;
  return readConfigFile(location.path);
}

/** Reads and checks one config file; throws {@link ConfigFileError} naming the file and the problem. */
export function readConfigFile(path: string): AlignboardConfig {
  const text = readText(path);
  const syntax = findJsonSyntaxError(text);
  if (syntax !== null) {
    const { line, column } = lineAndColumn(text, syntax.at);
    throw new ConfigFileError(`${path}: not valid JSON at line ${line}, column ${column}: ${syntax.problem}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The strict parser above and JSON.parse agree on what is JSON; this is the safety net all the same.
    throw new ConfigFileError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigFileError(`${path}: must hold a JSON object such as { "setup": { … } }`);
  }
  const parsed = configFileSchema.safeParse(value, { error: plainWords });
  if (!parsed.success) throw new ConfigFileError(`${path}: ${describeFirstIssue(parsed.error.issues[0], value)}`);
  return parsed.data;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function readText(path: string): string {
  let buffer: Buffer;
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) {
      throw new ConfigFileError(`${path}: is larger than 1 MB; a config file is a small JSON file`);
    }
    buffer = readFileSync(path);
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigFileError(`${path}: there is no such file`);
    if (code === 'EISDIR') throw new ConfigFileError(`${path}: is a folder, not a file`);
    if (code === 'EACCES' || code === 'EPERM') throw new ConfigFileError(`${path}: cannot be read (no permission)`);
    throw new ConfigFileError(`${path}: cannot be read: ${(error as Error).message}`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  // Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The first validation issue in words: `setup.kpi.target must be at least 1`. */
function describeFirstIssue(issue: z.core.$ZodIssue | undefined, input: unknown): string {
  if (issue === undefined) return 'is not valid';
  const { path, words } = describeIssue(issue, input);
  const known = issue.code === 'unrecognized_keys' && path.length === 1 ? ' (known: setup, share)' : '';
  return path.length === 0 ? words : `${path.join('.')} ${words}${known}`;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Where JSON text first goes wrong, and how, in words. */
interface SyntaxProblem {
  at: number;
  problem: string;
}

/** jsonc-parser's error codes in the words of someone editing a config file by hand. */
// Keyed by the code's name: the codes are a `const enum`, which isolated modules cannot read.
const SYNTAX_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'not JSON (text and property names need "double quotes")',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'a property name in "double quotes" was expected',
  ValueExpected: 'a value was expected (text needs "double quotes")',
  ColonExpected: '":" was expected',
  CommaExpected: '"," was expected',
  CloseBraceExpected: '"," or "}" was expected',
  CloseBracketExpected: '"," or "]" was expected',
  EndOfFileExpected: 'more text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  InvalidEscapeCharacter: 'a backslash that starts no valid escape (write \\\\ for a backslash)',
  InvalidUnicode: 'a \\u escape needs four hexadecimal digits',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * The first syntax problem of `text` as JSON, or null. JSON.parse alone does not say where (Node 20's
 * messages carry a position for some errors only), so jsonc-parser, strict (no comments, no trailing
 * commas), finds the place. A key given twice in one object counts as a problem too: JSON.parse would
 * silently keep the last one.
 */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  if (text.trim() === '') return { at: 0, problem: 'the file is empty' };
  let found: SyntaxProblem | null = null;
  const keysOfOpenObjects: Set<string>[] = [];
  try {
    visit(
      text,
      {
        onObjectBegin: () => void keysOfOpenObjects.push(new Set()),
        onObjectEnd: () => void keysOfOpenObjects.pop(),
        onObjectProperty: (name, offset, _length, _line, _column, pathSupplier) => {
          const keys = keysOfOpenObjects.at(-1);
          if (keys?.has(name) && found === null) {
            found = { at: offset, problem: `"${[...pathSupplier(), name].join('.')}" is given twice` };
          }
          keys?.add(name);
        },
        onError: (code, offset) => {
          found ??= syntaxProblem(text, code, offset);
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (error) {
    // The parser recurses per level; a config file is three deep, a hostile one could be a million.
    if (error instanceof RangeError) return { at: 0, problem: 'nested too deeply' };
    throw error;
  }
  return found;
}

function syntaxProblem(text: string, code: ParseErrorCode, offset: number): SyntaxProblem {
  if (offset >= text.trimEnd().length) return { at: offset, problem: 'the file ends too early' };
  // A trailing comma shows up as a missing name or value at the closing bracket; name the comma itself.
  const comma = /,\s*$/.exec(text.slice(0, offset));
  if (comma !== null && (text[offset] === '}' || text[offset] === ']')) {
    return { at: comma.index, problem: `a comma before "${text[offset]}" (JSON allows no trailing comma)` };
  }
  // The parser reports an unclosed string where the string starts.
  const name = printParseErrorCode(code);
  if (name === 'UnexpectedEndOfString') {
    return { at: offset, problem: 'a string that starts here has a line break in it (write \\n)' };
  }
  const words = SYNTAX_WORDS[name] ?? name;
  return { at: offset, problem: `unexpected ${JSON.stringify(text[offset])}: ${words}` };
}
