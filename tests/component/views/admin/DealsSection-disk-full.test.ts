/**
 * Disk full while saving a deal: the server's "The database is full: …" reaches the person, and the form
 * keeps everything they typed, so that nothing has to be entered again once there is room.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import { setApi } from '../../../../src/api';
import DealsSection from '../../../../src/views/admin/DealsSection.vue';
import { createFakeApi } from '../../support/fake-api';
import * as data from '../../support/fixtures';

const FULL =
  'The database is full: there is no room left on the disk (or the database reached its size limit), so the change was not saved. Free some space and try again.';

afterEach(() => {
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('DealsSection when the database is full', () => {
  it('shows the message and keeps every field as typed', async () => {
    const api = createFakeApi({
      'settings.display': () => data.settings([]),
      'people.list': () => data.people,
      'campaigns.list': () => data.campaigns,
      'pipeline.stages': () => data.stages,
      'deals.list': () => [],
      'leads.list': () => [],
      'reasonCodes.list': () => [],
      'deals.create': () => {
        throw new ApiError('conflict', FULL);
      },
    });
    setApi(api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(DealsSection, { global: { plugins: [pinia] }, attachTo: document.body });
    await flushPromises();

    const typed: Record<string, string> = {
      'deal-title': 'Northwind expansion',
      'deal-amount': '12,500.50',
      'deal-currency': 'USD',
      'deal-stage': 'proposal',
      'deal-rep': 'p-ana',
      'deal-marketer': 'p-tom',
      'deal-campaign': 'c-web',
    };
    for (const [testId, value] of Object.entries(typed)) {
      await wrapper.find(`[data-testid="${testId}"]`).setValue(value);
    }
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();

    expect(api.callsOf('deals.create')).toHaveLength(1);
    expect(wrapper.text()).toContain('The database is full');
    for (const [testId, value] of Object.entries(typed)) {
      const field = wrapper.find(`[data-testid="${testId}"]`).element as HTMLInputElement | HTMLSelectElement;
      expect(field.value, testId).toBe(value);
    }
  });
});
