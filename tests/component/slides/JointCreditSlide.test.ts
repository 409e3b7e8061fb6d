import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { JointCreditResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import JointCreditSlide from '../../../src/slides/JointCreditSlide.vue';
import { usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

afterEach(() => setApi(undefined));

function credit(overrides: Partial<JointCreditResult> = {}): JointCreditResult {
  return {
    period: data.month(),
    currency: 'EUR',
    winRate: { won: 3, lost: 1, rate: 0.75 },
    sourcedRevenue: {
      marketing: [
        { currency: 'EUR', amountMinor: 3_000_000 },
        { currency: 'USD', amountMinor: 500_000 },
      ],
      sales: [{ currency: 'EUR', amountMinor: 1_000_000 }],
      unlinked: [],
    },
    sales: { wins: 3, people: 2 },
    marketing: { wins: 2, campaigns: 1, people: 1 },
    jointWins: 2,
    recentWins: [
      {
        dealId: 'd-1',
        title: 'Kestrel – Team plan',
        amountMinor: 1_250_000,
        currency: 'EUR',
        closedAt: data.NOW,
        closingRepName: 'Ana Lima',
        campaignName: 'Webinar Q4',
        marketerName: 'Tom Berg',
        sourceTeam: 'marketing',
      },
      {
        dealId: 'd-2',
        title: 'Harbor – pilot',
        amountMinor: 500_000,
        currency: 'EUR',
        closedAt: data.NOW - 1000,
        closingRepName: 'Ben Ode',
        campaignName: null,
        marketerName: null,
        sourceTeam: 'sales',
      },
    ],
    freshness: data.freshness,
    ...overrides,
  };
}

function setup(result: JointCreditResult) {
  setApi(createFakeApi({ 'credit.get': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(JointCreditSlide, { global: { plugins: [pinia] } });
}

describe('JointCreditSlide', () => {
  it('shows the win rate, revenue by the team that sourced it, and each win with both teams’ credit', async () => {
    const wrapper = setup(credit());
    await flushPromises();
    expect(wrapper.get('[data-testid="credit-win-rate"]').text()).toContain('75%');
    expect(wrapper.get('[data-testid="credit-win-rate"]').text()).toContain('3 won of 4 closed this month');
    const marketing = wrapper.get('[data-testid="credit-revenue-marketing"]');
    expect(marketing.attributes('data-value')).toBe('3000000');
    expect(marketing.text()).toContain('€30');
    // other currencies stand apart, never added
    expect(marketing.text()).toMatch(/\+ (US)?\$5/);
    expect(marketing.find('.swatch--marketing').exists()).toBe(true);
    expect(wrapper.get('[data-testid="credit-revenue-sales"]').find('.swatch--sales').exists()).toBe(true);
    expect(wrapper.get('[data-testid="credit-joint"]').text()).toContain('2 of 3 wins carry both teams’ names');
    const wins = wrapper.findAll('[data-testid="credit-win"]');
    expect(wins[0]!.text()).toContain('closed by Ana Lima');
    expect(wins[0]!.text()).toContain('sourced by Webinar Q4 with Tom Berg');
    // a win nobody sourced names only who closed it; nobody is ranked
    expect(wins[1]!.text()).toContain('closed by Ben Ode');
    expect(wins[1]!.text()).not.toContain('sourced by');
    expect(wrapper.text()).not.toMatch(/#1|top|rank/i);
    wrapper.unmount();
  });

  it('hides names and amounts in privacy mode', async () => {
    const wrapper = setup(credit());
    await flushPromises();
    usePrivacyStore().toggle();
    await flushPromises();
    expect(wrapper.text()).not.toContain('Ana Lima');
    expect(wrapper.text()).not.toContain('Tom Berg');
    expect(wrapper.text()).not.toContain('€30');
    wrapper.unmount();
  });

  it('says so when no deal has closed in the period', async () => {
    const wrapper = setup(credit({ winRate: { won: 0, lost: 0, rate: null }, recentWins: [], jointWins: 0 }));
    await flushPromises();
    expect(wrapper.text()).toContain('No deals closed this month yet');
    wrapper.unmount();
  });
});
