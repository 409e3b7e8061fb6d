import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { LeadRecord, ReasonCodeRecord, ReviewQueueItem } from '@shared/records';
import { setApi } from '../../../../src/api';
import LeadReviewSection from '../../../../src/views/admin/LeadReviewSection.vue';
import { createFakeApi } from '../../support/fake-api';
import { NOW } from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

function lead(id: string, name: string, company: string): LeadRecord {
  return {
    id,
    name,
    company,
    stage: 'lead',
    sourceTeam: 'marketing',
    campaignId: 'c-web',
    marketerId: 'p-tom',
    ownerId: null,
    leadAt: NOW - 2 * 86_400_000,
    mqlAt: null,
    sqlAt: null,
    opportunityAt: null,
    customerAt: null,
    disqualifiedAt: null,
    firstFollowUpAt: null,
  };
}

const REASONS: ReasonCodeRecord[] = [
  { code: 'good_fit', kind: 'review', label: 'Good fit for our product' },
  { code: 'no_budget', kind: 'review', label: 'No budget' },
  { code: 'bad_timing', kind: 'review', label: 'Bad timing' },
  { code: 'won_price', kind: 'won', label: 'Price' },
];

function setup(queue: ReviewQueueItem[]) {
  const api = createFakeApi({
    'leadReviews.queue': () => queue,
    'reasonCodes.list': () => REASONS,
    'leadReviews.save': (input) => ({ id: `r-${input.leadId}` }),
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(LeadReviewSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

function item(id: string, name: string, company: string, review: ReviewQueueItem['review'] = null): ReviewQueueItem {
  return { lead: lead(id, name, company), campaignName: 'Website', ownerName: null, review };
}

/** A key pressed where the focus is, as the browser delivers it (bubbling to the window). */
async function press(key: string, options: KeyboardEventInit = {}): Promise<void> {
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...options }));
  await flushPromises();
}

setUpSectionTests({ clock: false });

describe('LeadReviewSection', () => {
  it('rates, toggles reasons and saves with Enter, then shows the next lead', async () => {
    const { api, wrapper } = setup([
      item('l-1', 'Ada Park', 'Parkworks'),
      item('l-2', 'Bo Chen', 'Chen & Co'),
      item('l-3', 'Cy Diaz', 'Diaz Ltd'),
    ]);
    await flushPromises();
    const card = wrapper.get('[data-testid="review-card"]');
    expect(document.activeElement).toBe(card.element);
    expect(wrapper.get('[data-testid="review-progress"]').text()).toContain('1 of 3');
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Ada Park');

    // only the review reasons are offered, each with its own letter shown
    const reasonKeys = wrapper.findAll('.review__reason kbd').map((key) => key.text());
    expect(wrapper.findAll('.review__reason').map((reason) => reason.text())).toEqual([
      `${reasonKeys[0]} Good fit for our product`,
      `${reasonKeys[1]} No budget`,
      `${reasonKeys[2]} Bad timing`,
    ]);
    expect(new Set(reasonKeys).size).toBe(3);

    await press('4');
    expect(wrapper.get('[data-testid="review-rating-4"]').attributes('aria-checked')).toBe('true');
    await press(reasonKeys[2]!.toLowerCase());
    await press(reasonKeys[0]!.toLowerCase());
    await press(reasonKeys[0]!.toLowerCase()); // toggled off again
    expect(wrapper.get('[data-testid="review-reason-bad_timing"]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-testid="review-reason-good_fit"]').attributes('aria-pressed')).toBe('false');
    await press('Enter');

    expect(api.callsOf('leadReviews.save')).toEqual([
      { leadId: 'l-1', rating: 4, reasonCodes: ['bad_timing'], notes: '' },
    ]);
    expect(wrapper.get('[data-testid="review-progress"]').text()).toContain('2 of 3');
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Bo Chen');
    expect(wrapper.get('[data-testid="review-rating-4"]').attributes('aria-checked')).toBe('false');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="review-card"]').element);
  });

  it('moves with the arrows and J/K without saving, and shows a saved review again', async () => {
    const { api, wrapper } = setup([
      item('l-1', 'Ada Park', 'Parkworks', { rating: 2, reasonCodes: ['no_budget'], notes: 'tiny' }),
      item('l-2', 'Bo Chen', 'Chen & Co'),
      item('l-3', 'Cy Diaz', 'Diaz Ltd'),
    ]);
    await flushPromises();
    // starts at the first lead nobody reviewed
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Bo Chen');
    await press('3');
    await press('ArrowRight');
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Cy Diaz');
    await press('j');
    await press('J');
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Ada Park');
    expect(wrapper.get('[data-testid="review-rating-2"]').attributes('aria-checked')).toBe('true');
    expect(wrapper.get('[data-testid="review-reason-no_budget"]').attributes('aria-pressed')).toBe('true');
    expect((wrapper.get('[data-testid="review-notes"]').element as HTMLTextAreaElement).value).toBe('tiny');
    await press('k');
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Bo Chen');
    // the unsaved "3" was dropped when moving on
    expect(wrapper.get('[data-testid="review-rating-3"]').attributes('aria-checked')).toBe('false');
    expect(api.callsOf('leadReviews.save')).toEqual([]);
  });

  it('asks for a rating next to the rating before saving', async () => {
    const { api, wrapper } = setup([item('l-1', 'Ada Park', 'Parkworks')]);
    await flushPromises();
    await press('Enter');
    expect(api.callsOf('leadReviews.save')).toEqual([]);
    expect(wrapper.get('[data-testid="error-rating"]').text()).toBe('Rating is required.');
    expect(wrapper.get('.review__ratings').attributes('aria-describedby')).toContain('error-rating');
  });

  it('N writes a note where digits and letters are text; Enter there saves, Esc leaves the note', async () => {
    const { api, wrapper } = setup([item('l-1', 'Ada Park', 'Parkworks'), item('l-2', 'Bo Chen', 'Chen & Co')]);
    await flushPromises();
    await press('5');
    await press('n');
    const notes = wrapper.get('[data-testid="review-notes"]');
    expect(document.activeElement).toBe(notes.element);
    await notes.setValue('Asked for 3 seats');
    await press('3'); // typed into the note, not a rating
    expect(wrapper.get('[data-testid="review-rating-5"]').attributes('aria-checked')).toBe('true');
    await press('Escape');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="review-card"]').element);
    await press('n');
    await press('Enter');
    expect(api.callsOf('leadReviews.save')).toEqual([
      { leadId: 'l-1', rating: 5, reasonCodes: [], notes: 'Asked for 3 seats' },
    ]);
    expect(wrapper.get('[data-testid="review-lead-name"]').text()).toBe('Bo Chen');
  });
});
