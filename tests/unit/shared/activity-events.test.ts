/**
 * The map of activity events is what the recorder, the feed, the wording and undo are checked against: an
 * unknown event name or a payload that does not fit its event must not compile (the `@ts-expect-error`
 * lines below fail the typecheck, `vue-tsc --noEmit`, the day they compile), and every event of the map is
 * worded and placed on the feed or off it.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  ACTIVITY_EVENT_TYPES,
  isActivityEventType,
  isEventOf,
  type ActivityEventType,
  type ActivityEvents,
  type DealEventPayload,
} from '@shared/activity-events';
import { describeActivity } from '@shared/describe-activity';
import type { ActivityEvent } from '@shared/domain';
import { FEED_EVENT_TYPES, isFeedEvent } from '@shared/feed';
import type { RecordActivity } from '../../../electron/core/services/support/activity-recorder';

/** Calls that must not compile; never run (they only have to type-check, or fail to). */
function misuses(record: RecordActivity, event: ActivityEvent): void {
  // @ts-expect-error an event name the map does not have
  record({ type: 'deal.renamed', entity: 'deal', entityId: 'd', payload: {} });
  // @ts-expect-error a payload missing what its event carries
  record({ type: 'glossary.term_changed', entity: 'glossary', entityId: 'MQL', payload: { term: 'MQL' } });
  record({
    type: 'kpi.target_set',
    entity: 'kpi',
    entityId: 'k',
    payload: {
      kpiId: 'k',
      name: 'New paying customers',
      periodKind: 'month',
      periodStart: '2026-11-01',
      periodLabel: 'November 2026',
      // @ts-expect-error a field of the wrong type
      target: '12',
      previousTarget: null,
    },
  });
  // @ts-expect-error a payload without the event's required fields
  record({ type: 'deal.won', entity: 'deal', entityId: 'd' });
  // @ts-expect-error a misspelt name in a comparison
  isEventOf(event, 'deal.wonn');
}

describe('the activity event map', () => {
  test('types: names are the keys of the map, a payload is its event’s, and isEventOf narrows to it', () => {
    expectTypeOf<ActivityEvents['deal.won']>().toEqualTypeOf<DealEventPayload>();
    expectTypeOf<'deal.won'>().toMatchTypeOf<ActivityEventType>();
    expectTypeOf<'deal.renamed'>().not.toMatchTypeOf<ActivityEventType>();
    expectTypeOf(misuses).parameter(0).toEqualTypeOf<RecordActivity>();

    const event: ActivityEvent = {
      seq: 1,
      id: 'e',
      at: 0,
      machineId: 'm',
      type: 'deal.won',
      entity: 'deal',
      entityId: 'd',
      actorId: null,
      payload: { title: 'Acme', amountMinor: 1200 },
    };
    expect(isEventOf(event, 'deal.won')).toBe(true);
    expect(isEventOf(event, 'deal.lost', 'deal.created')).toBe(false);
    if (isEventOf(event, 'deal.won')) expectTypeOf(event.payload.amountMinor).toEqualTypeOf<number>();
  });

  test('the runtime list holds every name of the map once, and only those', () => {
    expect(new Set(ACTIVITY_EVENT_TYPES).size).toBe(ACTIVITY_EVENT_TYPES.length);
    expect(ACTIVITY_EVENT_TYPES.every(isActivityEventType)).toBe(true);
    expect(isActivityEventType('deal.renamed')).toBe(false);
    expect(isActivityEventType('toString')).toBe(false);
  });

  test('every event is worded from an empty payload without failing, and unknown ones get a generic line', () => {
    for (const type of ACTIVITY_EVENT_TYPES) {
      const words = describeActivity({ type, payload: {} }, 'EUR');
      expect(words.headline, type).not.toBe('');
    }
    expect(describeActivity({ type: 'sprint_goal.renamed', payload: { title: 'Demos' } }, 'EUR').headline).toBe(
      'Sprint goal renamed: Demos',
    );
  });

  test('the feed shows events of the map only, and leaves out those it maps to no team', () => {
    expect(FEED_EVENT_TYPES.every(isActivityEventType)).toBe(true);
    // Which events those are is checked against the feed's own query in activity-service.test.ts.
    expect(FEED_EVENT_TYPES).toContain('deal.won');
    expect(isFeedEvent('settings.changed')).toBe(false);
    expect(isFeedEvent('deal.won')).toBe(true);
    expect(isFeedEvent('deal.renamed')).toBe(false);
  });
});
