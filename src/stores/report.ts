/**
 * The weekly report page's data: the report of the week asked for, what this server can print, and the
 * files made from the page (the PDF, a PNG per section). A report is read once per week shown: it is a
 * document, not a live slide (the running week's is reloaded by opening it again).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReportCapabilities, ReportFile, ReportSectionImage, WeeklyReport } from '@shared/report';
import { useApi } from '../api';
import { errorMessage } from './live';

export const useReportStore = defineStore('report', () => {
  const api = useApi();
  const report = ref<WeeklyReport | null>(null);
  const error = ref<string | null>(null);
  const capabilities = ref<ReportCapabilities | null>(null);
  const busy = ref<'pdf' | 'images' | null>(null);
  const fileError = ref<string | null>(null);
  let asked: string | null = null;

  /** Loads the report of `week` (null: the last complete week). */
  async function load(week: string | null): Promise<void> {
    asked = week;
    try {
      const next = await api.call('report.get', week ? { week } : {});
      if (asked !== week) return;
      report.value = next;
      error.value = null;
    } catch (cause) {
      if (asked !== week) return;
      report.value = null;
      error.value = errorMessage(cause);
    }
  }

  /** Asks once what this server can print. */
  async function loadCapabilities(): Promise<void> {
    if (capabilities.value) return;
    try {
      capabilities.value = await api.call('report.capabilities', {});
    } catch (cause) {
      capabilities.value = { pdf: false, reason: errorMessage(cause) };
    }
  }

  async function make<T>(kind: 'pdf' | 'images', work: () => Promise<T>): Promise<T | null> {
    busy.value = kind;
    fileError.value = null;
    try {
      return await work();
    } catch (cause) {
      fileError.value = errorMessage(cause);
      return null;
    } finally {
      busy.value = null;
    }
  }

  /** The PDF of the loaded week, printed by the server from this page. */
  const pdf = (week: string): Promise<ReportFile | null> => make('pdf', () => api.call('report.pdf', { week }));
  /** A PNG of each section of the loaded week. */
  const images = (week: string): Promise<ReportSectionImage[] | null> =>
    make('images', () => api.call('report.images', { week }));

  return { report, error, capabilities, busy, fileError, load, loadCapabilities, pdf, images };
});
