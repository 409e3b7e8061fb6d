import { describe, expect, test } from 'vitest';
import { describeActivity, REDACTED_NAME } from '@shared/describe-activity';

const moved = {
  type: 'lead.stage_changed',
  payload: { leadName: 'Eva Keller', fromStageLabel: 'Lead', toStageLabel: 'MQL', ownerName: 'Ana Lima' },
};

describe('lead lifecycle events', () => {
  test('a stage move names the stage, the lead and its owner; privacy mode hides both people', () => {
    expect(describeActivity(moved, 'EUR')).toEqual({
      headline: 'Lead moved to MQL: Eva Keller',
      detail: 'from Lead · owner Ana Lima',
    });
    expect(describeActivity(moved, 'EUR', { redact: true })).toEqual({
      headline: 'Lead moved to MQL: a lead',
      detail: `from Lead · owner ${REDACTED_NAME}`,
    });
  });

  test('a disqualification shows its typed reason, except in privacy mode', () => {
    const event = {
      type: 'lead.disqualified',
      payload: { leadName: 'Eva Keller', reason: 'Talked to Tom', fromStageLabel: 'MQL' },
    };
    expect(describeActivity(event, 'EUR').detail).toBe('Talked to Tom · was MQL');
    expect(describeActivity(event, 'EUR', { redact: true })).toEqual({
      headline: 'Lead disqualified: a lead',
      detail: 'was MQL',
    });
  });

  test('a follow-up names who followed up', () => {
    const event = { type: 'lead.followed_up', payload: { leadName: 'Eva Keller', ownerName: 'Ana Lima' } };
    expect(describeActivity(event, 'EUR')).toEqual({ headline: 'First follow-up: Eva Keller', detail: 'by Ana Lima' });
  });
});

describe('undo events', () => {
  const undone = { type: 'change.undone', payload: { undoneType: moved.type, undonePayload: moved.payload } };
  const redone = { type: 'change.undone', payload: { undoneType: 'change.undone', undonePayload: undone.payload } };
  const again = { type: 'change.undone', payload: { undoneType: 'change.undone', undonePayload: redone.payload } };

  test('read as the undone event, prefixed Undone / Redone alternately down the chain', () => {
    expect(describeActivity(undone, 'EUR').headline).toBe('Undone: Lead moved to MQL: Eva Keller');
    expect(describeActivity(redone, 'EUR').headline).toBe('Redone: Lead moved to MQL: Eva Keller');
    expect(describeActivity(again, 'EUR').headline).toBe('Undone: Lead moved to MQL: Eva Keller');
  });

  test('keep privacy mode for the undone event’s names', () => {
    expect(describeActivity(undone, 'EUR', { redact: true }).headline).toBe('Undone: Lead moved to MQL: a lead');
  });

  test('a payload without the undone event still reads as an undo', () => {
    expect(describeActivity({ type: 'change.undone', payload: {} }, 'EUR').headline).toBe('Change undone');
  });
});
