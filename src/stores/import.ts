/**
 * CSV import, export and restore for the admin's Import section (import-export-methods.ts). The file is read and
 * decoded here (its byte-order mark sniffed, so that "Unicode text" from a spreadsheet works), its start
 * previewed, then the whole of it sent; while it goes out and while the server reads it, `progress` says how
 * far it is (upload progress, then the server's 'import.progressed' events for this import).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '@shared/api-error';
import {
  MAX_IMPORT_BYTES,
  PREVIEW_SAMPLE_BYTES,
  type ExportTable,
  type ImportMapping,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
} from '@shared/import-types';
import type { PipelineStage } from '@shared/domain';
import { useApi } from '../api';
import { decodeText, type TextEncodingName } from '../lib/decode-text';
import { errorMessage } from './live';

/** Where a running import is. */
export type ImportPhase = 'idle' | 'reading' | 'uploading' | 'parsing' | 'writing' | 'done' | 'failed';

/** How far a running import is: a share of the work (0–1) and the words for it. */
export interface ImportProgressView {
  phase: ImportPhase;
  /** 0–1, or null while it cannot be told */
  share: number | null;
  rows: number;
}

/** A refused import: the first line of the server's message, and one problem per further line. */
export interface ImportRefusal {
  summary: string;
  problems: ImportProblem[];
}

/** `Line 4, column "Deal Stage" (Stage): message`: the app's field in brackets only when it differs. */
const PROBLEM_LINE = /^Line (\d+)(?:, column "(.*?)"( \([^)]*\))?)?: (.*)$/s;

/** Splits the server's refusal (see import-service.ts) into its summary and problems. */
export function parseRefusal(message: string): ImportRefusal {
  const [summary = message, ...lines] = message.split('\n');
  const problems = lines.map((line): ImportProblem => {
    const match = PROBLEM_LINE.exec(line);
    return match
      ? {
          line: Number(match[1]),
          column: match[2] === undefined ? null : match[2] + (match[3] ?? ''),
          message: match[4]!,
        }
      : { line: 0, column: null, message: line };
  });
  return { summary, problems };
}

/**
 * A version-4 UUID. `crypto.randomUUID` exists only in secure contexts, which a browser on the LAN
 * (plain http to an IP address) is not; `getRandomValues` exists everywhere.
 */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Bytes read from the end of a large file, where a report's footer is. */
const TAIL_BYTES = 8 * 1024;

/**
 * The end of a file as text, in the encoding its start showed. The slice starts at an even byte, so that
 * UTF-16 stays aligned; a character cut at its start only spoils a line that is not read.
 */
async function fileTail(chosen: File, encoding: TextEncodingName): Promise<string> {
  const from = Math.max(0, chosen.size - TAIL_BYTES) & ~1;
  return new TextDecoder(encoding).decode(await chosen.slice(from).arrayBuffer());
}

export const useImportStore = defineStore('import', () => {
  const api = useApi();
  const file = ref<File | null>(null);
  const encoding = ref<TextEncodingName | null>(null);
  const preview = ref<ImportPreview | null>(null);
  const stages = ref<PipelineStage[]>([]);
  const progress = ref<ImportProgressView>({ phase: 'idle', share: null, rows: 0 });
  const result = ref<ImportResult | null>(null);
  const refusal = ref<ImportRefusal | null>(null);
  const error = ref<string | null>(null);
  const busy = computed(() => ['reading', 'uploading', 'parsing', 'writing'].includes(progress.value.phase));

  function reset(): void {
    preview.value = null;
    result.value = null;
    refusal.value = null;
    error.value = null;
    progress.value = { phase: 'idle', share: null, rows: 0 };
  }

  /** The pipeline's stages, for the mapping step's stage translations. */
  async function loadStages(): Promise<void> {
    if (stages.value.length > 0) return;
    try {
      stages.value = [...(await api.call('pipeline.stages', {}))].sort((a, b) => a.position - b.position);
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  }

  /** Takes a chosen file and previews its start; a file over 100 MB is refused here already. */
  async function choose(chosen: File): Promise<void> {
    reset();
    file.value = chosen;
    if (chosen.size > MAX_IMPORT_BYTES) {
      error.value = `The file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; at most 100 MB can be imported. Split it and import the parts.`;
      return;
    }
    await check();
  }

  /** Previews the chosen file again, with `mapping` instead of the suggested one. */
  async function check(mapping?: ImportMapping): Promise<void> {
    const chosen = file.value;
    if (chosen === null) return;
    error.value = null;
    refusal.value = null;
    result.value = null;
    try {
      const complete = chosen.size <= PREVIEW_SAMPLE_BYTES;
      const bytes = new Uint8Array(await chosen.slice(0, PREVIEW_SAMPLE_BYTES).arrayBuffer());
      const decoded = decodeText(bytes, { partial: !complete });
      encoding.value = decoded.encoding;
      // A UTF-16 sample holds twice the bytes per character: at most half the characters the server takes.
      const sample = decoded.text.slice(0, PREVIEW_SAMPLE_BYTES);
      preview.value = await api.call('import.preview', {
        fileName: chosen.name,
        sample,
        complete,
        ...(complete ? {} : { tail: await fileTail(chosen, decoded.encoding) }),
        ...(mapping === undefined ? {} : { mapping }),
      });
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  }

  /** Imports the whole file with `mapping`; resolves when it is done or refused (see result/refusal). */
  async function run(mapping: ImportMapping): Promise<void> {
    const chosen = file.value;
    const previewed = preview.value;
    if (chosen === null || previewed === null || busy.value) return;
    error.value = null;
    refusal.value = null;
    result.value = null;
    const importId = randomId();
    progress.value = { phase: 'reading', share: null, rows: 0 };
    const stop = api.on((event) => {
      if (event.name !== 'import.progressed' || event.data.importId !== importId) return;
      const { phase, rows, doneBytes, totalBytes } = event.data;
      progress.value = { phase, rows, share: phase === 'parsing' && totalBytes > 0 ? doneBytes / totalBytes : null };
    });
    try {
      const { text } = decodeText(new Uint8Array(await chosen.arrayBuffer()));
      progress.value = { phase: 'uploading', share: 0, rows: 0 };
      result.value = await api.call(
        'import.run',
        {
          fileName: chosen.name,
          content: text,
          format: previewed.format,
          mapping,
          importId,
          // The preview said which currency a file without one is stored in; importing after it confirms that.
          ...(previewed.assumedCurrency === null ? {} : { confirmedCurrency: previewed.assumedCurrency }),
        },
        {
          onUploadProgress(sent, total) {
            if (progress.value.phase !== 'uploading') return;
            // The whole body has left: the server reads it now, and says so with its own events.
            progress.value =
              sent < total
                ? { phase: 'uploading', share: sent / total, rows: 0 }
                : { phase: 'parsing', share: 0, rows: 0 };
          },
        },
      );
      progress.value = { phase: 'done', share: 1, rows: result.value.rows };
    } catch (cause) {
      progress.value = { phase: 'failed', share: null, rows: 0 };
      if (cause instanceof ApiError && cause.code === 'invalid_input' && cause.message.includes('\n')) {
        refusal.value = parseRefusal(cause.message);
      } else {
        error.value = errorMessage(cause);
      }
    } finally {
      stop();
    }
  }

  /** One table as CSV, for a download. */
  function exportTable(table: ExportTable): Promise<{ fileName: string; csv: string }> {
    return api.call('export.table', { table });
  }

  /** Everything as one JSON document, for a download. */
  function exportAll(): Promise<{ fileName: string; json: string }> {
    return api.call('export.all', {});
  }

  /** Restores an export into an empty database; rejects with the server's ApiError. */
  async function restore(chosen: File): Promise<{ tables: number; rows: number }> {
    const { text } = decodeText(new Uint8Array(await chosen.arrayBuffer()));
    return api.call('import.json', { json: text });
  }

  return {
    file,
    encoding,
    preview,
    stages,
    progress,
    result,
    refusal,
    error,
    busy,
    reset,
    loadStages,
    choose,
    check,
    run,
    exportTable,
    exportAll,
    restore,
  };
});
