/** Handlers of CSV import and of export and restore (src/shared/methods/import-export-methods.ts). */
import type { importExportMethods } from '@shared/methods/import-export-methods';
import { exportAll, exportTable, importJson } from '../services/import/export-service';
import { listImportMappings, previewImport, runImport, saveImportMapping } from '../services/import/import-service';
import type { HandlerGroup } from './handler-types';

/** CSV import, saved mappings, CSV/JSON export and JSON restore. */
export const importExportHandlers = {
  'import.preview': (ctx, input) => previewImport(ctx, input),
  'import.run': (ctx, input) => runImport(ctx, input),
  'import.mappings': (ctx) => listImportMappings(ctx),
  'import.saveMapping': (ctx, input) => saveImportMapping(ctx, input),
  'export.table': (ctx, input) => exportTable(ctx, input.table),
  'export.all': (ctx) => exportAll(ctx),
  'import.json': (ctx, input) => importJson(ctx, input.json),
} satisfies HandlerGroup<typeof importExportMethods>;
