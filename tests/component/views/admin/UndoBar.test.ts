import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api-error';
import type { HistoryEntry } from '@shared/records';
import { setApi } from '../../../../src/api';
import UndoBar from '../../../../src/views/admin/UndoBar.vue';
import { createFakeApi } from '../../support/fake-api';
import { NOW } from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

function entry(seq: number, summary: string, undoable = true): HistoryEntry {
  return {
    eventId: `e-${seq}`,
    seq,
    at: NOW - (10 - seq) * 60_000,
    type: 'deal.stage_changed',
    entity: 'deal',
    entityId: `d-${seq}`,
    summary,
    undoable,
  };
}

function setup(undo: (eventId: string | undefined) => HistoryEntry) {
  let recent = [entry(9, 'Campaign renamed: Spring webinar', false), entry(8, 'Deal moved to Proposal: Acme renewal')];
  const api = createFakeApi({
    'history.recent': () => recent,
    // like the server: without an id, the newest change that can still be undone
    'history.undo': (input) => {
      const undone = undo(input.eventId ?? recent.find((item) => item.undoable)?.eventId);
      recent = recent.map((item) => (item.eventId === undone.eventId ? { ...item, undoable: false } : item));
      return undone;
    },
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  // a text field and a button elsewhere on the page, where the focus may be
  const page = document.createElement('div');
  page.innerHTML = '<input type="text" data-testid="typing" /><button type="button" data-testid="other">Other</button>';
  document.body.append(page);
  const wrapper = mount(UndoBar, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

function ctrlZ(target: Element): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
}

setUpSectionTests({ clock: false });

describe('UndoBar', () => {
  it('shows the newest change and undoes the newest undoable one with Ctrl+Z outside text fields', async () => {
    const { api, wrapper } = setup((eventId) => entry(8, `Deal moved to Proposal: Acme renewal (${eventId})`));
    await flushPromises();
    expect(wrapper.get('[data-testid="undo-latest"]').text()).toBe('Campaign renamed: Spring webinar');

    const button = document.querySelector<HTMLButtonElement>('[data-testid="other"]')!;
    button.focus();
    ctrlZ(button);
    await flushPromises();
    // the server picks the newest undoable change: the list may not show one made a moment ago yet
    expect(api.callsOf('history.undo')).toEqual([{}]);
    expect(wrapper.get('[data-testid="undo-toast"]').text()).toBe('Undone: Deal moved to Proposal: Acme renewal (e-8)');
    // nothing left to undo
    expect(wrapper.get('[data-testid="undo-button"]').attributes('disabled')).toBeDefined();
  });

  it('leaves Ctrl+Z to the text field while typing', async () => {
    const { api } = setup((eventId) => entry(8, String(eventId)));
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('[data-testid="typing"]')!;
    input.focus();
    const event = new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    await flushPromises();
    expect(api.callsOf('history.undo')).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
  });

  it('undoes a chosen change from the history list, and says why when it cannot', async () => {
    const { api, wrapper } = setup(() => {
      throw new ApiError('conflict', 'That deal was changed again since; undo the newer change first.');
    });
    await flushPromises();
    await wrapper.get('[data-testid="undo-history-toggle"]').trigger('click');
    const rows = wrapper.findAll('[data-testid="undo-history"] li');
    expect(rows.map((row) => row.find('button').exists())).toEqual([false, true]);
    await rows[1]!.get('button').trigger('click');
    await flushPromises();
    expect(api.callsOf('history.undo')).toEqual([{ eventId: 'e-8' }]);
    expect(wrapper.get('[data-testid="undo-toast"]').text()).toBe(
      'That deal was changed again since; undo the newer change first.',
    );
  });
});
