import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import type { BackupInfo } from '@shared/methods/backups-methods';
import { setApi } from '../../../../src/api';
import BackupsSection from '../../../../src/views/admin/BackupsSection.vue';
import { createFakeApi, type FakeHandlers } from '../../support/fake-api';
import { setUpSectionTests } from '../../support/section-tests';

// Tuesday 2026-11-17, 09:00 UTC = 10:00 in Berlin (vitest pins TZ=Europe/Berlin).
const AT = Date.UTC(2026, 10, 17, 9, 0);
const daily: BackupInfo = {
  fileName: 'alignboard-20261117-090000-daily.db',
  createdAt: AT,
  sizeBytes: 2_400_000,
  kind: 'daily',
};
const older: BackupInfo = {
  fileName: 'alignboard-20261116-090000-manual.db',
  createdAt: AT - 86_400_000,
  sizeBytes: 900,
  kind: 'manual',
};

function setup(handlers: FakeHandlers, transport: 'ipc' | 'http' = 'http') {
  const api = createFakeApi(
    {
      'backups.list': () => [daily, older],
      'backups.retention': () => ({ keepDaily: 14, isDefault: true }),
      ...handlers,
    },
    transport,
  );
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(BackupsSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests({ clock: false });

describe('BackupsSection', () => {
  it('lists the backups with their date, kind and size', async () => {
    const { wrapper } = setup({});
    await flushPromises();
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()));
    expect(rows[0]?.slice(0, 3)).toEqual([`Tue, 17 Nov 2026, 10:00 ${daily.fileName}`, 'Daily', '2.3 MB']);
    expect(rows[1]?.slice(0, 3)).toEqual([`Mon, 16 Nov 2026, 10:00 ${older.fileName}`, 'Made by hand', '900 bytes']);
  });

  it('backs up now and says what it made', async () => {
    const made: BackupInfo = {
      ...daily,
      fileName: 'alignboard-20261117-093000-manual.db',
      kind: 'manual',
      integrity: 'ok',
    };
    const { api, wrapper } = setup({ 'backups.create': () => made });
    await flushPromises();
    await wrapper.find('[data-testid="backup-now"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('backups.create')).toHaveLength(1);
    expect(wrapper.find('[data-testid="backup-status"]').text()).toBe(
      `Backed up and checked: ${made.fileName} (2.3 MB).`,
    );
    // The list is read again after the backup.
    expect(api.callsOf('backups.list')).toHaveLength(2);
  });

  it('restores only after a confirmation that names the backup and the safety backup', async () => {
    const { api, wrapper } = setup({
      'backups.restore': (input) => ({
        restoredFrom: input.fileName,
        safetyBackup: 'alignboard-20261117-093000-before-restore.db',
      }),
    });
    await flushPromises();
    await wrapper.find(`[data-testid="restore-${older.fileName}"]`).trigger('click');
    await flushPromises();
    const dialog = wrapper.find('[data-testid="restore-dialog"]');
    expect(dialog.text()).toContain('Restore the backup of Mon, 16 Nov 2026, 10:00?');
    expect(dialog.text()).toContain(older.fileName);
    expect(dialog.text()).toContain('the current data is saved as a safety backup');
    expect(api.callsOf('backups.restore')).toEqual([]);

    await wrapper.find('[data-testid="restore-confirm"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('backups.restore')).toEqual([{ fileName: older.fileName }]);
    expect(wrapper.find('[data-testid="backup-status"]').text()).toContain(
      'Restored the backup of Mon, 16 Nov 2026, 10:00',
    );
    expect(wrapper.find('[data-testid="backup-status"]').text()).toContain(
      'alignboard-20261117-093000-before-restore.db',
    );
    expect(document.activeElement?.getAttribute('data-restore')).toBe(older.fileName);
  });

  it('restores nothing when the confirmation is cancelled', async () => {
    const { api, wrapper } = setup({ 'backups.restore': () => ({ restoredFrom: '', safetyBackup: '' }) });
    await flushPromises();
    await wrapper.find(`[data-testid="restore-${daily.fileName}"]`).trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="restore-cancel"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('backups.restore')).toEqual([]);
    expect(document.activeElement?.getAttribute('data-restore')).toBe(daily.fileName);
  });

  it("shows the server's words when a backup is damaged", async () => {
    const { wrapper } = setup({
      'backups.restore': (input) => {
        throw new ApiError(
          'conflict',
          `The backup ${input.fileName} is damaged: database disk image is malformed. Nothing was changed.`,
        );
      },
    });
    await flushPromises();
    await wrapper.find(`[data-testid="restore-${daily.fileName}"]`).trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="restore-confirm"]').trigger('click');
    await flushPromises();
    const status = wrapper.find('[data-testid="backup-status"]');
    expect(status.text()).toBe(
      `The backup ${daily.fileName} is damaged: database disk image is malformed. Nothing was changed.`,
    );
    expect(status.classes()).toContain('admin-error');
  });

  it('offers to change the PIN only in Alignboard’s own window', async () => {
    const browser = setup({});
    await flushPromises();
    expect(browser.wrapper.find('[data-testid="pin-change"]').exists()).toBe(false);
    browser.wrapper.unmount();
    const own = setup({}, 'ipc');
    await flushPromises();
    expect(own.wrapper.find('[data-testid="pin-change"]').exists()).toBe(true);
  });

  it('keeps another number of daily backups, checked like the server checks it', async () => {
    const { api, wrapper } = setup({
      'backups.setRetention': (input) => ({ keepDaily: input.keepDaily, isDefault: false }),
    });
    await flushPromises();
    const field = wrapper.get('[data-testid="keep-daily"]');
    expect((field.element as HTMLInputElement).value).toBe('14');

    await field.setValue('0');
    await wrapper.get('[data-testid="backup-retention"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-keepDaily"]').text()).toBe('Daily backups to keep must be at least 1.');
    expect(api.callsOf('backups.setRetention')).toEqual([]);

    await field.setValue('30');
    await wrapper.get('[data-testid="backup-retention"] form').trigger('submit');
    await flushPromises();
    expect(api.callsOf('backups.setRetention')).toEqual([{ keepDaily: 30 }]);
    expect(wrapper.get('[data-testid="keep-daily-status"]').text()).toBe(
      'The last 30 daily backups are kept; older ones go at the next daily backup.',
    );
  });
});
