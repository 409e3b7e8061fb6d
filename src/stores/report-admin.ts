/** The admin's side of the weekly report: its delivery settings, sending a week now, and the history. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { ReportDeliveryView, ReportSendView, WeeklyReport } from '@shared/report';
import { useApi } from '../api';
import { trackLoadError } from './live';

export const useReportAdminStore = defineStore('report-admin', () => {
  const api = useApi();
  const delivery = ref<ReportDeliveryView | null>(null);
  const history = ref<ReportSendView[]>([]);
  const preview = ref<WeeklyReport | null>(null);
  const previewError = ref<string | null>(null);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    await trackLoadError(error, async () => {
      [delivery.value, history.value] = await Promise.all([
        api.call('report.delivery', {}),
        api.call('report.history', {}),
      ]);
    });
  }

  /** The report of `week` for the preview (null: the last complete week). */
  async function loadPreview(week: string | null): Promise<void> {
    await trackLoadError(previewError, async () => {
      preview.value = await api.call('report.get', week ? { week } : {});
    });
  }

  /** Saves the settings; throws the server's error (field named) for the form. */
  async function save(input: MethodInput<'report.saveDelivery'>): Promise<ReportDeliveryView> {
    delivery.value = await api.call('report.saveDelivery', input);
    return delivery.value;
  }

  /** Sends a week now and reloads the history; the delivery as recorded (sent, or pending with its error). */
  async function sendNow(week: string): Promise<ReportSendView> {
    const send = await api.call('report.sendNow', { week });
    history.value = await api.call('report.history', {});
    return send;
  }

  return { delivery, history, preview, previewError, error, load, loadPreview, save, sendNow };
});
