import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-20T08:00:00Z');
const MINUTE = 60_000;

let h: PlanningHarness;

beforeEach(() => {
  h = planningHarness(NOW);
});
afterEach(() => h.temp.cleanup());

const DEFINITIONS = [
  'A lead that downloaded two assets.',
  'A lead with a company email that booked a demo or scored 50.',
  'A lead with a company email that booked a demo or scored 60 points.',
];

describe('glossary', () => {
  test('each changed definition adds the next version, keeping the older ones; the wall shows the newest', async () => {
    const saved = [];
    for (const [index, definition] of DEFINITIONS.entries()) {
      h.clock.set(NOW + index * MINUTE);
      const seq = h.lastSeq();
      const version = await h.ok('glossary.save', {
        term: 'MQL',
        definition,
        stageKey: index === 0 ? 'mql' : undefined,
      });
      expect(version).toMatchObject({
        term: 'MQL',
        version: index + 1,
        definition,
        stageKey: 'mql',
        changedAt: NOW + index * MINUTE,
      });
      const event = onlyEvent(h, seq);
      expect(event).toMatchObject({ type: 'glossary.term_changed', entity: 'glossary', entityId: 'MQL' });
      const row = rawRow(h.temp.db, 'glossary_terms', { term: 'MQL', version: index + 1 })!;
      expect(event.payload.changes).toEqual([
        { table: 'glossary_terms', id: String(row.id), before: null, after: row },
      ]);
      expect(event.payload).toMatchObject({ previousDefinition: index === 0 ? null : DEFINITIONS[index - 1] });
      saved.push(version);
    }

    const history = await h.ok('glossary.history', { term: 'MQL' });
    expect(history).toEqual(saved);
    expect(history.map((version) => version.definition)).toEqual(DEFINITIONS);

    const wall = await h.ok('glossary.list', {});
    expect(wall.terms).toEqual([
      expect.objectContaining({ term: 'MQL', version: 3, definition: DEFINITIONS[2], changedAt: NOW + 2 * MINUTE }),
    ]);

    const last = h.events().at(-1)!;
    expect(describeActivity({ type: last.type, payload: last.payload }, 'EUR').headline).toBe(
      'Glossary: MQL changed (v3)',
    );
    const first = h.events().find((event) => event.payload.version === 1)!;
    expect(describeActivity({ type: first.type, payload: first.payload }, 'EUR').headline).toBe('Glossary: MQL added');
  });

  test('a save with the current definition is a no-op that returns the current version', async () => {
    const current = await h.ok('glossary.save', { term: 'SQL', definition: 'Accepted by sales.' });
    h.clock.advance(MINUTE);
    const seq = h.lastSeq();
    const tables = dumpPlanningTables(h.temp.db);

    // Surrounding spaces are trimmed, so this is the same definition.
    expect(await h.ok('glossary.save', { term: 'SQL', definition: '  Accepted by sales. ' })).toEqual(current);
    expect(h.events(seq)).toEqual([]);
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);

    // A new stage link alone is a change.
    expect(
      await h.ok('glossary.save', { term: 'SQL', definition: 'Accepted by sales.', stageKey: 'sql' }),
    ).toMatchObject({
      version: 2,
      stageKey: 'sql',
    });
  });

  test('bad input is refused naming the field, and nothing is written', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    expect(await h.refused('glossary.save', { term: 'MQL', definition: '   ' })).toMatchObject({
      code: 'invalid_input',
      field: 'definition',
    });
    expect(await h.refused('glossary.save', { term: '', definition: 'x' })).toMatchObject({
      code: 'invalid_input',
      field: 'term',
    });
    expect(await h.refused('glossary.save', { term: 'MQL', definition: 'x', stageKey: 'golden' })).toMatchObject({
      code: 'invalid_input',
      field: 'stageKey',
    });
    expect(await h.refused('glossary.save', { term: 'MQL', definition: 'x'.repeat(5001) })).toMatchObject({
      code: 'invalid_input',
      field: 'definition',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
    expect(await h.ok('glossary.history', { term: 'MQL' })).toEqual([]);
  });
});
