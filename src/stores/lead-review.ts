/**
 * Lead review mode: last week's new leads, one at a time, each rated 1–5 with reason codes and notes.
 * The queue is loaded once per review session and not refetched on every write, so that saving a
 * review does not reshuffle the leads under the reviewer's hands.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { ReasonCodeRecord, ReviewQueueItem } from '@shared/records';
import { useApi } from '../api';
import { trackLoadError } from './live';

export const useLeadReviewStore = defineStore('leadReview', () => {
  const api = useApi();
  const queue = ref<ReviewQueueItem[]>([]);
  const reasons = ref<ReasonCodeRecord[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  /** (Re)loads the queue and the review reason codes. */
  async function load(): Promise<void> {
    await trackLoadError(error, async () => {
      const [items, codes] = await Promise.all([api.call('leadReviews.queue', {}), api.call('reasonCodes.list', {})]);
      queue.value = items;
      reasons.value = codes.filter((code) => code.kind === 'review');
    });
    loaded.value = true;
  }

  /** Saves a review and keeps it on the queue item, so that going back shows it. */
  async function save(input: MethodInput<'leadReviews.save'>): Promise<void> {
    await api.call('leadReviews.save', input);
    const item = queue.value.find((entry) => entry.lead.id === input.leadId);
    if (item) {
      item.review = { rating: input.rating, reasonCodes: [...(input.reasonCodes ?? [])], notes: input.notes ?? '' };
    }
  }

  return { queue, reasons, loaded, error, load, save };
});
