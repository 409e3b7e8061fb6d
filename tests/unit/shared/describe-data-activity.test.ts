import { describe, expect, it } from 'vitest';
import { describeActivity } from '@shared/describe-activity';

const say = (type: string, payload: Record<string, unknown>, redact = false) =>
  describeActivity({ type, payload }, 'EUR', { redact });

/** The payload import-service.ts records for 'import.completed'. */
const hubspotDeals = {
  fileName: 'hubspot-deals.csv',
  format: 'hubspot-deals',
  target: 'deals',
  imported: 1_180,
  updated: 24,
  peopleCreated: 0,
  undoable: false,
};

describe('describeActivity for imports', () => {
  it('counts every row in the headline and the new and updated ones in the detail', () => {
    expect(say('import.completed', hubspotDeals)).toEqual({
      headline: 'Imported 1,204 deals from HubSpot',
      detail: '1,180 new · 24 updated',
    });
  });

  it('names the source by the format, and leads by the target', () => {
    expect(
      say('import.completed', {
        ...hubspotDeals,
        format: 'hubspot-contacts',
        target: 'leads',
        imported: 0,
        updated: 1,
        peopleCreated: 2,
      }),
    ).toEqual({ headline: 'Imported 1 lead from HubSpot', detail: '1 updated · 2 people added' });
    expect(
      say('import.completed', { ...hubspotDeals, format: 'salesforce-opportunities', imported: 3, updated: 0 }),
    ).toEqual({ headline: 'Imported 3 deals from Salesforce', detail: '3 new' });
    expect(say('import.completed', { ...hubspotDeals, format: 'custom', peopleCreated: 1 })).toEqual({
      headline: 'Imported 1,204 deals from a CSV file',
      detail: '1,180 new · 24 updated · 1 person added',
    });
  });

  it('words an import the same in privacy mode: it names no person and no amount', () => {
    expect(say('import.completed', hubspotDeals, true)).toEqual(say('import.completed', hubspotDeals));
  });
});

describe('describeActivity for a restore', () => {
  /** The payload backup-service.ts records for 'data.restored'. */
  const restored = {
    title: 'backup of Nov 27, 2026, 9:00 AM',
    fileName: 'alignboard-20261127-080000-daily.db',
    backupTakenAt: '2026-11-27 09:00',
    safetyBackup: 'alignboard-20261127-101500-before-restore.db',
    changes: [],
  };

  it("names the backup by its time in the room's zone and says the data before is kept", () => {
    expect(say('data.restored', restored)).toEqual({
      headline: 'Data restored from the backup of 27 Nov 09:00',
      detail: 'the data before is kept as a backup',
    });
    expect(say('data.restored', restored, true)).toEqual(say('data.restored', restored));
  });

  it('falls back to the title of an older event, and to "a backup" without one', () => {
    const { backupTakenAt: _taken, ...older } = restored;
    expect(say('data.restored', older).headline).toBe('Data restored from backup of Nov 27, 2026, 9:00 AM');
    expect(say('data.restored', { backupTakenAt: 'yesterday' })).toEqual({
      headline: 'Data restored from a backup',
      detail: '',
    });
  });
});
