import { describe, expect, it } from 'vitest';
import { describeActivity, REDACTED_NAME } from '@shared/describe-activity';

const say = (type: string, payload: Record<string, unknown>, redact = false) =>
  describeActivity({ type, payload }, 'EUR', { redact });

describe('describeActivity for planning events', () => {
  it('words sprints and goals', () => {
    expect(
      say('sprint.saved', { name: 'Sprint 14', startsOn: '2026-11-16', endsOn: '2026-11-27', created: true }),
    ).toEqual({
      headline: 'Sprint planned: Sprint 14',
      detail: '16 Nov – 27 Nov',
    });
    expect(say('sprint.saved', { name: 'Sprint 14', created: false }).headline).toBe('Sprint changed: Sprint 14');
    expect(say('sprint.deleted', { name: 'Sprint 14' }).headline).toBe('Sprint removed: Sprint 14');
    expect(
      say('goal.progressed', {
        title: 'Webinar sign-ups',
        current: 42,
        target: 150,
        unit: '',
        previous: 30,
        sprintName: 'Sprint 14',
      }),
    ).toEqual({ headline: 'Goal progress: Webinar sign-ups 42 / 150', detail: '28 % · was 30 · Sprint 14' });
    expect(say('goal.saved', { title: 'Demos', current: 2.5, target: 10, unit: 'demos', created: true })).toEqual({
      headline: 'New goal: Demos',
      detail: '2.5 / 10 demos',
    });
    expect(say('goal.deleted', { title: 'Demos' }).headline).toBe('Goal removed: Demos');
  });

  it('words retrospectives, action items, meetings and the glossary', () => {
    expect(say('retrospective.saved', { heldOn: '2026-11-27', created: true, sprintName: null })).toEqual({
      headline: 'Retrospective held on 27 Nov',
      detail: '',
    });
    expect(
      say('action_item.saved', { title: 'Fix MQL form', ownerName: 'Ana Lima', dueOn: '2026-12-04', created: true }),
    ).toEqual({ headline: 'New action item: Fix MQL form', detail: 'owner Ana Lima · due 4 Dec' });
    expect(say('action_item.reopened', { title: 'Fix MQL form' }).headline).toBe('Action item reopened: Fix MQL form');
    expect(say('meeting.deleted', { title: 'Lead review' }).headline).toBe('Meeting removed: Lead review');
    expect(say('glossary.term_changed', { term: 'SQL', version: 1, definition: 'x'.repeat(300) }).detail).toHaveLength(
      140,
    );
  });

  it('names no person in privacy mode', () => {
    const item = say('action_item.done', { title: 'Fix MQL form', ownerName: 'Ana Lima' }, true);
    expect(item.detail).toBe(`owner ${REDACTED_NAME}`);
    expect(JSON.stringify(item)).not.toContain('Ana');
  });

  it('survives payloads from older or broken writers', () => {
    for (const type of [
      'sprint.saved',
      'goal.progressed',
      'retrospective.saved',
      'action_item.saved',
      'sla.terms_changed',
      'kpi.target_set',
      'meeting.saved',
      'glossary.term_changed',
      'settings.changed',
    ]) {
      const words = say(type, { weekdays: 'Mon', keys: 3, previous: 'x', current: '42', target: null });
      expect(words.headline.length).toBeGreaterThan(3);
      expect(words.headline).not.toMatch(/undefined|null|NaN/);
      expect(words.detail).not.toMatch(/undefined|null|NaN/);
    }
  });
});
