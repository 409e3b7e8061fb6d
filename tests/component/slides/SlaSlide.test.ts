import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SlaResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import { NOW_TICK_MS } from '../../../src/lib/now';
import SlaSlide from '../../../src/slides/SlaSlide.vue';
import { HIDDEN_NAME, usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

let mounted: VueWrapper | undefined;

function mountWith(result: SlaResult, options = {}) {
  const api = createFakeApi({ 'sla.get': () => result });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(SlaSlide, { props: { options }, global: { plugins: [pinia] } });
  mounted = wrapper;
  return { wrapper, api };
}

afterEach(() => {
  // Unmount before the clock turns real again, so that the shared "now" timer stops with this test.
  mounted?.unmount();
  mounted = undefined;
  vi.useRealTimers();
  setApi(undefined);
});

describe('SlaSlide', () => {
  it("shows marketing's delivery against its commitment and sales' compliance with its counts", async () => {
    const { wrapper } = mountWith(data.sla());
    await flushPromises();
    expect(wrapper.find('[data-testid="sla-delivered"]').attributes('data-value')).toBe('30');
    expect(wrapper.find('[data-testid="sla-committed"]').attributes('data-value')).toBe('60');
    expect(wrapper.find('[data-testid="sla-pace"]').text()).toBe('Behind by 6 at this point of the month');
    expect(wrapper.find('#sla-sales-title').text()).toContain('follows up within 24 h');
    const compliance = wrapper.find('[data-testid="sla-compliance"]');
    expect(Number(compliance.attributes('data-value'))).toBeCloseTo(40 / 45);
    expect(compliance.text()).toBe('89%');
    expect(wrapper.find('[data-testid="sla-met"]').attributes('data-value')).toBe('40');
    expect(wrapper.find('[data-testid="sla-late"]').attributes('data-value')).toBe('4');
    expect(wrapper.find('[data-testid="sla-breached"]').attributes('data-value')).toBe('1');
  });

  it('in business-hours mode says so and counts down to the due time the service worked out', async () => {
    vi.useFakeTimers({ now: data.NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const result = data.sla();
    result.terms = { ...result.terms!, followUpHours: 8, businessHoursOnly: true };
    // An MQL of 30 minutes ago over a weekend: due 2 d 3 h from now, not 7 h 30 min (mqlAt + 8 h).
    result.waiting = [{ ...result.waiting[0]!, mqlAt: data.NOW - 30 * 60_000, dueAt: data.NOW + 51 * 60 * 60_000 }];
    const { wrapper } = mountWith(result);
    await flushPromises();
    expect(wrapper.find('#sla-sales-title').text()).toContain('follows up within 8 business hours');
    const waiting = wrapper.find('[data-testid="sla-waiting-item"]');
    expect(waiting.find('.when').text()).toBe('due in 2 d 3 h');
    expect(wrapper.find('[data-testid="sla-breach-item"]').find('.when').text()).toBe('overdue by 2 h 05 min');
  });

  // Runs hours of the wall's per-second clock: a generous timeout for a busy machine.
  it('counts a waiting lead down as the clock moves, until it is due', async () => {
    // Only timers and Date are faked; flushPromises needs the real setImmediate.
    vi.useFakeTimers({ now: data.NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { wrapper } = mountWith(data.sla());
    await flushPromises();
    const waiting = () => wrapper.find('[data-testid="sla-waiting-item"]');
    expect(waiting().find('.when').text()).toBe('due in 3 h 12 min');
    expect(waiting().find('.lead-who').text()).toBe('Kim Park · Parkworks');
    expect(waiting().text()).toContain('Ana Lima');

    await vi.advanceTimersByTimeAsync(12 * 60_000);
    expect(waiting().find('.when').text()).toBe('due in 3 h');

    await vi.advanceTimersByTimeAsync(3 * 60 * 60_000 - 30_000);
    expect(waiting().find('.when').text()).toBe('due in 1 min');

    await vi.advanceTimersByTimeAsync(30_000 + NOW_TICK_MS);
    expect(waiting().find('.when').text()).toBe('due now');
  }, 30_000);

  // Runs hours of the wall's per-second clock: a generous timeout for a busy machine.
  it('asks for the figures again when the soonest waiting lead falls due', async () => {
    vi.useFakeTimers({ now: data.NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { api } = mountWith(data.sla());
    await flushPromises();
    expect(api.callsOf('sla.get')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync((3 * 60 + 12) * 60_000 - 5_000);
    expect(api.callsOf('sla.get')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.callsOf('sla.get')).toHaveLength(2);
  }, 30_000);

  it('names the owner of a breach in the warning colour, before the waiting leads', async () => {
    vi.useFakeTimers({ now: data.NOW, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { wrapper } = mountWith(data.sla());
    await flushPromises();
    const items = wrapper.findAll('.lead');
    expect(items[0]!.attributes('data-testid')).toBe('sla-breach-item');
    expect(items[1]!.attributes('data-testid')).toBe('sla-waiting-item');
    const breach = items[0]!;
    expect(breach.classes()).toContain('lead--breach');
    expect(breach.find('.tag').text()).toBe('Breached');
    expect(breach.find('.owner').text()).toBe('Ben Ode');
    expect(breach.find('.lead-name').text()).toBe('Lee Chan');
    expect(breach.find('.when').text()).toBe('overdue by 2 h 05 min');
  });

  it('shows no names of leads or owners in privacy mode', async () => {
    const { wrapper } = mountWith(data.sla());
    await flushPromises();
    usePrivacyStore().toggle();
    await flushPromises();
    const text = wrapper.text();
    for (const name of ['Ana Lima', 'Ben Ode', 'Kim Park', 'Lee Chan', 'Parkworks']) expect(text).not.toContain(name);
    expect(wrapper.find('[data-testid="sla-breach-item"] .owner').text()).toBe(HIDDEN_NAME);
    expect(wrapper.find('[data-testid="sla-waiting-item"] .lead-who').text()).toBe('A lead');
  });

  it('lists every breach, and the waiting ones up to maxLeads', async () => {
    const result = data.sla();
    const late = result.breaches[0]!;
    const wait = result.waiting[0]!;
    result.breaches = Array.from({ length: 5 }, (_, i) => ({ ...late, leadId: `b-${i}`, dueAt: late.dueAt - i }));
    result.waiting = Array.from({ length: 3 }, (_, i) => ({ ...wait, leadId: `w-${i}`, dueAt: wait.dueAt + i }));
    result.breachesByOwner = [{ ...result.breachesByOwner[0]!, count: 5 }];
    result.open = { breached: 5, waiting: 3 };
    const { wrapper } = mountWith(result, { maxLeads: 2 });
    await flushPromises();
    expect(wrapper.findAll('[data-testid="sla-breach-item"]')).toHaveLength(5);
    expect(wrapper.findAll('[data-testid="sla-waiting-item"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="sla-open-breached"]').text()).toBe('5 breached');
    expect(wrapper.find('[data-testid="sla-open-waiting"]').text()).toBe('3 waiting');
  });

  it('groups the breaches by owner when the list does not hold them all, and still counts each one', async () => {
    const result = data.sla();
    const late = result.breaches[0]!;
    result.breaches = Array.from({ length: 20 }, (_, i) => ({ ...late, leadId: `b-${i}`, dueAt: late.dueAt - i }));
    result.breachesByOwner = [
      { ownerId: 'p-ben', ownerName: 'Ben Ode', count: 14, oldestDueAt: late.dueAt - 3 * 86_400_000 },
      { ownerId: null, ownerName: null, count: 9, oldestDueAt: late.dueAt - 86_400_000 },
      { ownerId: 'p-ana', ownerName: 'Ana Lima', count: 3, oldestDueAt: late.dueAt },
    ];
    result.open = { breached: 26, waiting: 1 };
    const { wrapper } = mountWith(result);
    await flushPromises();
    expect(wrapper.findAll('[data-testid="sla-breach-item"]')).toHaveLength(0);
    const owners = wrapper.findAll('[data-testid="sla-owner-item"]');
    expect(owners.map((line) => line.find('.lead-who').text())).toEqual([
      'Ben Ode · 14 MQLs',
      'No owner · 9 MQLs',
      'Ana Lima · 3 MQLs',
    ]);
    expect(owners[0]!.find('.when').text()).toMatch(/^oldest overdue by \d+ d/);
    expect(wrapper.findAll('[data-testid="sla-waiting-item"]')).toHaveLength(1);
    expect(wrapper.find('#sla-leads-title').text()).toContain('breaches by owner');
  });

  it('shows compliance against the target, in the warning colour below it', async () => {
    const result = data.sla();
    const { wrapper } = mountWith(result);
    await flushPromises();
    const target = wrapper.find('[data-testid="sla-compliance-target"]');
    expect(target.text()).toBe('below target 90%');
    expect(target.attributes('data-status')).toBe('behind');
    mounted?.unmount();
    const { wrapper: met } = mountWith({ ...result, terms: { ...result.terms!, complianceTarget: 0.85 } });
    await flushPromises();
    expect(met.find('[data-testid="sla-compliance-target"]').text()).toBe('meets target 85%');
  });

  it('says plainly when no SLA has been agreed', async () => {
    const result = data.sla();
    result.terms = null;
    const { wrapper } = mountWith(result);
    await flushPromises();
    expect(wrapper.text()).toContain('No SLA agreed yet');
    expect(wrapper.find('[data-testid="sla-compliance"]').exists()).toBe(false);
  });
});
