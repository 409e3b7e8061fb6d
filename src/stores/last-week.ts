/**
 * The "Last week" slide's data: the weekly report of the last complete week, read through the report's
 * own method so that the wall and the report can never differ. Followed like a slide's figures: a change
 * to last week's deals or leads (a late entry) reaches the slide while it is on screen.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WeeklyReport } from '@shared/report';
import { useApi } from '../api';
import { createLiveLoader, trackLoadError } from './live';

export const useLastWeekStore = defineStore('last-week', () => {
  const api = useApi();
  const data = ref<WeeklyReport | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      data.value = await api.call('report.get', {});
    }),
  );

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
