/**
 * Every method of the contract, fuzzed through the dispatcher on a real temp database: wrong types, extra
 * keys, `__proto__`/`constructor` keys, 1 MB strings, NaN/Infinity/-0, deep nesting, arrays for objects.
 * The answer is always a valid result or a 4xx-style error with a message — never 'internal', never a
 * throw — and a rejected call writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '@shared/contract';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { fingerprint, totalChanges } from './db-fingerprint';

const CLIENT_ERRORS = ['invalid_input', 'not_found', 'conflict', 'forbidden', 'unknown_method'];
const HUGE = 'x'.repeat(1_000_000);

/** An array nested `depth` deep, built without recursion. */
function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

const nasty = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_VALUE,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 53,
  '',
  ' ',
  HUGE,
  '\u0000',
  '../../etc/passwd',
  "'; DROP TABLE deals; --",
  null,
  undefined,
  true,
  [],
  {},
  [{}],
  deeplyNested(5000),
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
);

/** Inputs shaped after a method's own fields (so that validation goes deeper), with values of any kind. */
function inputsFor(method: keyof typeof apiMethods): fc.Arbitrary<unknown> {
  const shape = (apiMethods[method].input as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  const value = fc.oneof(nasty, fc.anything({ maxDepth: 3, withNullPrototype: true }), fc.string(), fc.integer());
  const fieldKey = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string();
  const shaped = fc.dictionary(
    fc.oneof({ weight: 4, arbitrary: fieldKey }, fc.constantFrom('__proto__', 'constructor', 'prototype')),
    value,
    { maxKeys: keys.length + 2 },
  );
  // An own `__proto__` key, as JSON.parse makes it (an object literal would set the prototype instead).
  const ownProto = shaped.map((record) =>
    Object.defineProperty({ ...record }, '__proto__', {
      value: { polluted: true },
      enumerable: true,
      configurable: true,
      writable: true,
    }),
  );
  return fc.oneof(shaped, ownProto, nasty, fc.array(value, { maxLength: 3 }), fc.anything({ maxDepth: 2 }));
}

let dir: string;
let core: Core;
let known = { changes: -1, print: '' };
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-fuzz-'));
  core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock: fixedClock(Date.UTC(2026, 10, 27, 9)),
    version: '0.0.0-test',
    backups: false,
  });
});
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('fuzzing every API method', () => {
  it.each(Object.keys(apiMethods) as (keyof typeof apiMethods)[])(
    '%s answers every input with a result or a client error, and writes nothing when it refuses',
    async (method) => {
      await fc.assert(
        fc.asyncProperty(inputsFor(method), async (input) => {
          const changesBefore = totalChanges(core.ctx.db);
          // The full fingerprint is costly: it is taken again only after something was written.
          if (changesBefore !== known.changes) known = { changes: changesBefore, print: fingerprint(core.ctx.db) };
          const before = known.print;
          let outcome: Awaited<ReturnType<Core['dispatch']>>;
          try {
            outcome = await core.dispatch(method, input, { role: 'admin' });
          } catch (error) {
            throw new Error(`dispatch threw: ${String(error)}`, { cause: error });
          }
          if (outcome.ok) return;
          expect(CLIENT_ERRORS).toContain(outcome.error.code);
          expect(outcome.error.message.length).toBeGreaterThan(0);
          // A refusal writes nothing: no statement completed, or (after a rolled-back one) the same data.
          if (totalChanges(core.ctx.db) !== changesBefore) expect(fingerprint(core.ctx.db)).toBe(before);
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        }),
        { numRuns: 50, seed: 20261127 },
      );
    },
  );
});
