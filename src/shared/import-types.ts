/**
 * CSV import from CRMs and export: the formats Alignboard recognises, the column mapping a person
 * confirms or builds, what a preview and an import report, and the tables an export covers. No zod here, so
 * that the admin view can show these without bundling the schemas twice.
 */

/** The CRM exports recognised by their headers; anything else is 'custom' and goes through a mapping. */
export type ImportFormat = 'hubspot-deals' | 'hubspot-contacts' | 'salesforce-opportunities' | 'custom';

/** What a file's rows become: deals (pipeline) or leads (lifecycle funnel). */
export type ImportTarget = 'deals' | 'leads';

/** Fields a deals import fills; `stage` takes a pipeline stage's id or name, or a known CRM stage. */
export const DEAL_FIELDS = [
  'externalId',
  'title',
  'stage',
  'amount',
  'currency',
  'createDate',
  'closeDate',
  'owner',
  'won',
  'closed',
] as const;
/** Fields a leads import fills; `stage` takes a lifecycle stage or a CRM's lifecycle stage name. */
export const LEAD_FIELDS = [
  'externalId',
  'firstName',
  'lastName',
  'name',
  'email',
  'company',
  'stage',
  'source',
  'owner',
  'createDate',
  'mqlDate',
  'sqlDate',
  'opportunityDate',
  'customerDate',
  'followUpDate',
] as const;
export type DealField = (typeof DEAL_FIELDS)[number];
export type LeadField = (typeof LEAD_FIELDS)[number];
export type ImportField = DealField | LeadField;
/** Every field of either target, once each (deal fields first), for the contract's schema. */
export const IMPORT_FIELDS: readonly ImportField[] = [...new Set<ImportField>([...DEAL_FIELDS, ...LEAD_FIELDS])];

/** Fields without which a row cannot be stored (a lead also needs one of name, first/last name or email). */
export const REQUIRED_FIELDS: Record<ImportTarget, readonly ImportField[]> = {
  deals: ['externalId', 'title', 'stage', 'createDate'],
  leads: ['externalId', 'createDate'],
};

/** What a person reads for each field in the mapping step. */
export const FIELD_LABELS: Record<ImportField, string> = {
  externalId: 'Record id',
  title: 'Deal name',
  stage: 'Stage',
  amount: 'Amount',
  currency: 'Currency',
  createDate: 'Created on',
  closeDate: 'Closed on',
  owner: 'Owner',
  won: 'Won (yes/no)',
  closed: 'Closed (yes/no)',
  firstName: 'First name',
  lastName: 'Last name',
  name: 'Full name',
  email: 'Email (name when no name is given)',
  company: 'Company',
  source: 'Source (sales or marketing)',
  mqlDate: 'Became MQL on',
  sqlDate: 'Became SQL on',
  opportunityDate: 'Became opportunity on',
  customerDate: 'Became customer on',
  followUpDate: 'First sales follow-up on',
};

/**
 * How `03/04/2026` is read: day first or month first. ISO dates (2026-04-03) and dotted dates (03.04.2026,
 * always day first) need no order.
 */
export type DateOrder = 'DMY' | 'MDY';
/** The decimal separator of amounts such as `1.234,56` (',') or `1,234.56` ('.'). */
export type DecimalSeparator = '.' | ',';

/** Which column fills each field, and how values are read. Saved per header signature for next time. */
export interface ImportMapping {
  target: ImportTarget;
  /** field → the header of the column that fills it */
  columns: Partial<Record<ImportField, string>>;
  /** needed only when the file's slash dates are ambiguous (no day above 12 anywhere) */
  dateOrder?: DateOrder | null;
  /** needed only when the file's amounts are ambiguous (e.g. only `1,200`) */
  decimal?: DecimalSeparator | null;
  /**
   * Owners that match nobody (by name or email) are an error unless this is true; then each distinct
   * unknown owner is added once as a person of the sales team.
   */
  createOwners?: boolean;
  /** CSV stage value → pipeline stage id (deals) or lifecycle stage (leads), for stages not recognised */
  stageMap?: Record<string, string>;
  /** names the origin of the external ids of a custom file (default 'csv'); re-imports match on it */
  source?: string;
}

/** One thing wrong with the file: where (1-based physical line; the column's header) and what. */
export interface ImportProblem {
  /** the line in the file where the row starts (line 1 is the header) */
  line: number;
  /** the column's header, or a description such as "column 7 (no header)"; null for the whole line */
  column: string | null;
  /** the app's field the column fills, when the problem is about one */
  field?: ImportField;
  message: string;
}

/**
 * Something the preview says before anything is stored, which does not stop the import but changes what
 * is stored or how it is read: lines skipped, text kept as written, an assumed currency, several CRM stages
 * becoming one, owners to be added or not found. Counted over the rows checked.
 */
export interface ImportWarning {
  kind: 'footer-skipped' | 'formula-cells' | 'currency-assumed' | 'stages-merged' | 'owner-new';
  /** one sentence a person reads */
  message: string;
  /** rows it concerns */
  rows: number;
  /** the first lines it concerns (at most {@link WARNING_LINES}) */
  lines: number[];
}

/** How many lines a warning names before it says "and N more". */
export const WARNING_LINES = 5;

/** A row as it will be stored, for the preview table. Times are epoch ms; money in minor units. */
export type ImportPreviewRow =
  | {
      target: 'deals';
      line: number;
      externalId: string;
      title: string;
      stageId: string;
      status: 'open' | 'won' | 'lost';
      amountMinor: number;
      currency: string;
      owner: string | null;
      createdAt: number;
      closedAt: number | null;
    }
  | {
      target: 'leads';
      line: number;
      externalId: string;
      name: string;
      company: string | null;
      stage: string;
      sourceTeam: 'sales' | 'marketing';
      owner: string | null;
      leadAt: number;
      mqlAt: number | null;
      sqlAt: number | null;
      opportunityAt: number | null;
      customerAt: number | null;
    };

/** What `import.preview` finds in the first part of a file. */
export interface ImportPreview {
  format: ImportFormat;
  delimiter: string;
  headers: string[];
  /** the saved mapping for these headers if there is one, else the recognised format's, else a guess */
  suggestedMapping: ImportMapping;
  /** the mapping saved for these headers last time, if any */
  savedMapping?: ImportMapping;
  /** the first rows as they would be stored (rows with problems are left out) */
  previewRows: ImportPreviewRow[];
  /** problems found in the sample (the first 50); the import checks the whole file again */
  problems: ImportProblem[];
  /** what the import would do that a person should know before confirming it, in the order to read them */
  warnings: ImportWarning[];
  /**
   * The room's currency, when the file names no currency at all (no currency column, no code or symbol in
   * any amount): its amounts are stored in it only if the import is confirmed with this currency.
   */
  assumedCurrency: string | null;
  /** rows read from the sample */
  sampleRows: number;
}

/** What a finished import did. All rows were stored, or the import failed and nothing was. */
export interface ImportResult {
  importId: string;
  format: ImportFormat;
  target: ImportTarget;
  rows: number;
  /** rows added */
  imported: number;
  /** rows that matched an earlier import by external id and were updated */
  updated: number;
  /** always 0: an import stores every row or none */
  skipped: 0;
  /** owners added because the mapping allowed it */
  peopleCreated: number;
  /** lines after the data that were a report's footer (totals, "Generated By", copyright) and were skipped */
  footerLines: number;
}

/** A mapping saved for a header signature. */
export interface SavedImportMapping {
  signature: string;
  headers: string[];
  mapping: ImportMapping;
  savedAt: number;
}

/** Progress of a running import, pushed as the server event 'import.progressed'. */
export interface ImportProgress {
  importId: string;
  /** 'parsing' while the file is read and checked, 'writing' during the one transaction, 'done' after */
  phase: 'parsing' | 'writing' | 'done';
  /** data rows read so far */
  rows: number;
  /** size of the file's text in UTF-8 bytes */
  totalBytes: number;
  /** how much of it has been read, in UTF-8 bytes */
  doneBytes: number;
}

/** Tables an export covers: every table of the data model; derived figure tables are rebuilt, not exported. */
export const EXPORT_TABLES = [
  'people',
  'campaigns',
  'lifecycle_stages',
  'leads',
  'lead_transitions',
  'pipeline_stages',
  'reason_codes',
  'deals',
  'glossary_terms',
  'activity_events',
  'sprints',
  'sprint_goals',
  'sprint_goal_owners',
  'sprint_goal_progress',
  'retrospectives',
  'action_items',
  'lead_reviews',
  'lead_review_reasons',
  'sla_terms',
  'kpis',
  'kpi_targets',
  'meetings',
  'meeting_runs',
  'settings',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * The largest file an import accepts, in bytes (UTF-8): a HubSpot export of 100,000 deals with every default
 * property is about 55 MB.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** The largest single field, in characters. */
export const MAX_FIELD_CHARS = 10_000;
/** How much of a file the preview looks at, in bytes. */
export const PREVIEW_SAMPLE_BYTES = 256 * 1024;
/** How many problems an import reports (it still counts them all). */
export const MAX_REPORTED_PROBLEMS = 50;

/**
 * One problem in words, e.g. `Line 4, column "Deal Stage" (Stage): "Waiting" is not a stage…`: the column as
 * the file names it, and the app's field when its label differs.
 */
export function describeImportProblem(problem: ImportProblem): string {
  const label = problem.field === undefined ? undefined : FIELD_LABELS[problem.field];
  const same = (a: string, b: string) =>
    a.toLowerCase().replace(/[^a-z0-9]/g, '') === b.toLowerCase().replace(/[^a-z0-9]/g, '');
  const field = label === undefined || problem.column === null || same(label, problem.column) ? '' : ` (${label})`;
  const where =
    problem.column === null ? `Line ${problem.line}` : `Line ${problem.line}, column "${problem.column}"${field}`;
  return `${where}: ${problem.message}`;
}
