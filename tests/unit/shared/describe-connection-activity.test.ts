import { describe, expect, test } from 'vitest';
import { describeActivity } from '../../../src/shared/describe-activity';

const say = (type: string, payload: Record<string, unknown>) => describeActivity({ type, payload }, 'EUR');

describe('CRM connection events in the feed', () => {
  test('name the CRM and what changed, never a credential', () => {
    expect(say('connection.created', { vendor: 'hubspot', label: 'HubSpot', credentialsChanged: true })).toEqual({
      headline: 'HubSpot connected',
      detail: '',
    });
    expect(say('connection.updated', { label: 'Salesforce', credentialsChanged: true }).detail).toBe('new credentials');
    expect(say('connection.mapping_confirmed', { label: 'HubSpot', peopleCreated: 2 })).toEqual({
      headline: 'HubSpot stage mapping confirmed',
      detail: '2 new people from HubSpot',
    });
    expect(say('connection.removed', { label: 'HubSpot', keptRecords: 140 })).toEqual({
      headline: 'HubSpot disconnected',
      detail: '140 synced records kept',
    });
    expect(say('connection.entries_linked', { label: 'HubSpot', linked: 1, replaced: 2 }).detail).toBe(
      '1 linked, 2 replaced',
    );
  });
});
