/**
 * The admin lock as a whole page sees it: when the main process refuses a section's write because the
 * window locked itself (15 idle minutes), the PIN screen comes back without the section doing anything,
 * and what was typed is still there after the PIN.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import { ApiError } from '@shared/contract';
import { setApi } from '../../../../src/api';
import PinGate from '../../../../src/views/admin/PinGate.vue';
import SlaSection from '../../../../src/views/admin/SlaSection.vue';
import { createPlanningBackend, PLANNING_PIN, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

describe('the admin lock behind every section', () => {
  it("shows the PIN screen again when a section's write is refused as forbidden", async () => {
    const backend = createPlanningBackend(undefined, { transport: 'ipc' });
    setApi(backend.api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(PinGate, {
      global: { plugins: [pinia] },
      slots: { default: () => h(SlaSection) },
      attachTo: document.body,
    });
    await flushPromises();

    const unlock = async () => {
      await wrapper.get('[data-testid="pin-enter"]').setValue(PLANNING_PIN);
      await wrapper.get('[data-testid="pin-gate"] form').trigger('submit');
      await flushPromises();
    };
    await unlock();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(false);

    await wrapper.get('[data-testid="sla-mqls"]').setValue('120');
    backend.fail('sla.saveTerms', new ApiError('forbidden', 'The admin is locked: enter the PIN to make changes.'));
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="sla-mqls"]').isVisible()).toBe(false);

    await unlock();
    const mqls = wrapper.get<HTMLInputElement>('[data-testid="sla-mqls"]');
    expect(mqls.isVisible()).toBe(true);
    expect(mqls.element.value).toBe('120');

    backend.fail('sla.saveTerms', null);
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');
    expect(backend.inputs('sla.saveTerms').at(-1)).toMatchObject({ mqlsPerPeriod: 120 });
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(false);
  });

  it('leaves the section open in a browser over HTTP, where there is no PIN', async () => {
    const backend = createPlanningBackend();
    setApi(backend.api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(PinGate, {
      global: { plugins: [pinia] },
      slots: { default: () => h(SlaSection) },
      attachTo: document.body,
    });
    await flushPromises();
    backend.fail('sla.saveTerms', new ApiError('forbidden', 'The admin is locked: enter the PIN to make changes.'));
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="sla-mqls"]').isVisible()).toBe(true);
  });
});
