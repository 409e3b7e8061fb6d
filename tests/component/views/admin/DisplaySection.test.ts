import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import { setApi } from '../../../../src/api';
import { useDisplayStore } from '../../../../src/stores/display';
import DisplaySection from '../../../../src/views/admin/DisplaySection.vue';
import { appInfo, NOW } from '../../support/fixtures';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests({ clock: false });

type Wrapper = Awaited<ReturnType<typeof mountSection>>;
const order = (wrapper: Wrapper) =>
  wrapper.findAll('[data-testid^="playlist-row-"]').map((row) => row.attributes('data-testid')!.slice(13));

describe('DisplaySection', () => {
  it('moves a slide with Alt+↓ / Alt+↑ and the focus moves with it', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    expect(order(wrapper).slice(0, 3)).toEqual(['kpi', 'funnel', 'sprint']);

    const duration = wrapper.get('[data-testid="playlist-duration-kpi"]');
    (duration.element as HTMLInputElement).focus();
    await duration.trigger('keydown', { key: 'ArrowDown', altKey: true });
    await flushPromises();
    await wrapper.get('[data-testid="playlist-duration-kpi"]').trigger('keydown', { key: 'ArrowDown', altKey: true });
    await flushPromises();
    expect(order(wrapper).slice(0, 3)).toEqual(['funnel', 'sprint', 'kpi']);
    expect(focused()).toBe('playlist-duration-kpi');

    await wrapper.get('[data-testid="playlist-duration-kpi"]').trigger('keydown', { key: 'ArrowUp', altKey: true });
    await flushPromises();
    expect(order(wrapper).slice(0, 3)).toEqual(['funnel', 'kpi', 'sprint']);
    expect(wrapper.get('[data-testid="display-dirty"]').text()).toContain('playlist');
  });

  it('saves a disabled slide and shorter durations, sending only the playlist', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="playlist-enabled-activity"]').setValue(false);
    await wrapper.get('[data-testid="playlist-duration-kpi"]').setValue('8');
    await wrapper.get('[data-testid="playlist-duration-funnel"]').setValue('10');
    await submitFrom(wrapper, '[data-testid="playlist-duration-funnel"]');

    const saved = backend.inputs('settings.save');
    expect(saved).toHaveLength(1);
    expect(Object.keys(saved[0]!)).toEqual(['playlist']);
    const playlist = saved[0]!.playlist!;
    expect(playlist.find((entry) => entry.slideId === 'activity')).toEqual({
      slideId: 'activity',
      enabled: false,
      durationSec: 20,
    });
    expect(playlist.slice(0, 2)).toEqual([
      { slideId: 'kpi', enabled: true, durationSec: 8 },
      { slideId: 'funnel', enabled: true, durationSec: 10 },
    ]);
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('Saved the playlist');
    expect(wrapper.get('[data-testid="display-dirty"]').text()).toBe('All saved.');
  });

  it('saves the schedules: privacy window, quiet hours, banner and stand-up times', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="display-privacy"]').setValue(true);
    await wrapper.get('#display-privacySchedule-start').setValue('12:00');
    await wrapper.get('#display-privacySchedule-end').setValue('13:30');
    await wrapper.get('[data-testid="display-quiet"]').setValue(true);
    await wrapper.get('#display-celebrations-quietHours-start').setValue('18:00');
    await wrapper.get('#display-celebrations-quietHours-end').setValue('08:00');
    await wrapper.get('[data-testid="display-banner"]').setValue('10');
    await wrapper.get('[data-testid="display-standup"]').setValue('60');
    await submitFrom(wrapper, '[data-testid="display-standup"]');

    expect(backend.inputs('settings.save')).toEqual([
      {
        privacySchedule: { start: '12:00', end: '13:30' },
        celebrations: {
          enabled: true,
          durationSec: 12,
          batchWindowSec: 60,
          quietHours: { start: '18:00', end: '08:00' },
        },
        meetingBannerMinutes: 10,
        standupSecondsPerSpeaker: 60,
      },
    ]);
  });

  it('says next to the duration that it is too short, before anything is sent', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="playlist-duration-funnel"]').setValue('2');
    await submitFrom(wrapper, '[data-testid="playlist-duration-funnel"]');

    const error = wrapper.get('[data-testid="error-playlist.1.durationSec"]');
    expect(error.text()).toBe('Duration of Pipeline funnel must be at least 5 seconds.');
    expect(wrapper.get('[data-testid="playlist-duration-funnel"]').attributes('aria-describedby')).toBe(
      error.attributes('id'),
    );
    expect(focused()).toBe('playlist-duration-funnel');
    expect(backend.inputs('settings.save')).toEqual([]);
  });

  it("shows the server's error about the time zone next to the time zone", async () => {
    const backend = createPlanningBackend();
    backend.fail(
      'settings.save',
      new ApiError('invalid_input', 'timezone "Mars/Base" is not a known time zone', 'timezone'),
    );
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="display-timezone"]').setValue('Mars/Base');
    await submitFrom(wrapper, '[data-testid="display-timezone"]');

    expect(wrapper.get('[data-testid="error-timezone"]').text()).toBe(
      'Time zone "Mars/Base" is not a known time zone.',
    );
    expect(focused()).toBe('display-timezone');
  });

  it('Esc twice discards unsaved changes', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="display-currency"]').setValue('USD');
    const form = wrapper.get('[data-testid="display-form"]');
    await form.trigger('keydown', { key: 'Escape' });
    expect((wrapper.get('[data-testid="display-currency"]').element as HTMLInputElement).value).toBe('USD');
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('Press Esc again');
    await form.trigger('keydown', { key: 'Escape' });
    expect((wrapper.get('[data-testid="display-currency"]').element as HTMLInputElement).value).toBe('EUR');
  });
});

describe("the wall's display store", () => {
  it("reloads the settings when a 'settings.changed' activity event arrives", async () => {
    const backend = createPlanningBackend();
    backend.api.calls.length = 0;
    const handlers = backend.api;
    setApi({
      ...handlers,
      call: (method, input) =>
        method === 'app.info' ? Promise.resolve(appInfo as never) : handlers.call(method, input),
    });
    setActivePinia(createPinia());
    const display = useDisplayStore();
    await display.ensureLoaded();
    expect(display.playlist.find((entry) => entry.slideId === 'glossary')?.enabled).toBe(true);

    backend.state.settings = {
      ...backend.state.settings,
      playlist: backend.state.settings.playlist.map((entry) =>
        entry.slideId === 'glossary' ? { ...entry, enabled: false } : entry,
      ),
    };
    handlers.emit({
      name: 'activity.recorded',
      data: {
        seq: 1,
        id: 'e-1',
        at: NOW,
        machineId: 'm-1',
        type: 'settings.changed',
        entity: 'settings',
        entityId: 'display',
        actorId: null,
        payload: { keys: ['playlist'] },
      },
    });
    await expect
      .poll(() => display.playlist.find((entry) => entry.slideId === 'glossary')?.enabled, { timeout: 2000 })
      .toBe(false);
  });
});
