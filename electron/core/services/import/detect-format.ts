/**
 * Recognises the CRM exports people already have by their column names, and proposes a column mapping:
 * the recognised format's own, or for any other file a guess from common column names that a person then
 * confirms in the mapping step. Names are compared without case, spaces or punctuation ("Deal owner" =
 * "DEAL_OWNER").
 */
import type { ImportField, ImportFormat, ImportMapping, ImportTarget } from '@shared/import-types';

/** A recognised export: the headers that identify it, and the header(s) each field is read from. */
interface FormatSpec {
  format: Exclude<ImportFormat, 'custom'>;
  target: ImportTarget;
  /** the origin of its record ids; re-imports match (external_source, external_id) */
  source: string;
  /**
   * all of these must be present: the columns only this export has, few enough that a file missing a
   * column the import needs is still recognised, and the missing column named as the CRM names it
   */
  keys: string[];
  /** field → candidate headers, the first present wins */
  columns: Partial<Record<ImportField, string[]>>;
}

const SPECS: readonly FormatSpec[] = [
  {
    format: 'hubspot-deals',
    target: 'deals',
    source: 'hubspot',
    keys: ['Record ID', 'Deal Name'],
    columns: {
      externalId: ['Record ID'],
      title: ['Deal Name'],
      stage: ['Deal Stage'],
      amount: ['Amount', 'Amount in company currency'],
      currency: ['Currency', 'Deal currency code', 'Amount Currency'],
      createDate: ['Create Date'],
      closeDate: ['Close Date'],
      owner: ['Deal owner'],
    },
  },
  {
    format: 'hubspot-contacts',
    target: 'leads',
    source: 'hubspot',
    keys: ['Record ID', 'First Name', 'Last Name', 'Email'],
    columns: {
      externalId: ['Record ID'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email'],
      company: ['Company Name', 'Company'],
      stage: ['Lifecycle Stage'],
      source: ['Original Source'],
      owner: ['Contact owner'],
      createDate: ['Create Date'],
      mqlDate: ['Became a Marketing Qualified Lead Date'],
      sqlDate: ['Became a Sales Qualified Lead Date'],
      opportunityDate: ['Became an Opportunity Date'],
      customerDate: ['Became a Customer Date'],
      followUpDate: ['First Engagement Date', 'Date of first engagement', 'Time of First Engagement'],
    },
  },
  {
    format: 'salesforce-opportunities',
    target: 'deals',
    source: 'salesforce',
    // A report's columns are chosen by whoever built it; the opportunity's name is in every one.
    keys: ['Opportunity Name'],
    columns: {
      externalId: ['Opportunity ID'],
      title: ['Opportunity Name'],
      stage: ['Stage'],
      amount: ['Amount'],
      currency: ['Opportunity Currency', 'Amount Currency', 'Currency'],
      createDate: ['Created Date'],
      closeDate: ['Close Date'],
      owner: ['Opportunity Owner'],
      won: ['Won'],
      closed: ['Closed'],
    },
  },
];

/** Common names for a custom file's columns, tried when no format is recognised. */
const GUESSES: Record<ImportTarget, Partial<Record<ImportField, string[]>>> = {
  deals: {
    externalId: ['id', 'external id', 'record id', 'deal id', 'opportunity id'],
    title: ['title', 'deal', 'deal name', 'deal title', 'opportunity', 'opportunity name', 'name'],
    stage: ['stage', 'deal stage', 'pipeline stage', 'status'],
    amount: ['amount', 'value', 'deal value', 'revenue'],
    currency: [
      'currency',
      'currency code',
      'amount currency',
      'opportunity currency',
      'deal currency',
      'deal currency code',
      'currency iso code',
    ],
    createDate: ['created', 'created at', 'created on', 'create date', 'created date', 'date created'],
    closeDate: ['closed', 'closed at', 'closed on', 'close date', 'won date', 'date closed'],
    owner: ['owner', 'deal owner', 'rep', 'sales rep', 'owner email', 'assigned to'],
    won: ['won', 'is won'],
  },
  leads: {
    externalId: ['id', 'external id', 'record id', 'contact id', 'lead id', 'person id'],
    firstName: ['first name', 'firstname', 'given name'],
    lastName: ['last name', 'lastname', 'surname', 'family name'],
    name: ['name', 'full name', 'contact', 'contact name', 'lead name'],
    email: ['email', 'e-mail', 'email address'],
    company: ['company', 'company name', 'organisation', 'organization', 'account'],
    stage: ['stage', 'lifecycle stage', 'status', 'lead status'],
    source: ['source', 'lead source', 'original source', 'source team'],
    owner: ['owner', 'contact owner', 'lead owner', 'rep', 'assigned to'],
    createDate: ['created', 'created at', 'created on', 'create date', 'created date', 'date created'],
    mqlDate: ['mql date', 'became mql', 'mql at'],
    sqlDate: ['sql date', 'became sql', 'sql at'],
    opportunityDate: ['opportunity date', 'became opportunity'],
    customerDate: ['customer date', 'became customer', 'won date'],
    followUpDate: ['first follow up', 'first follow-up', 'follow up date', 'first contact date'],
  },
};

/** Headers compared without case, spaces or punctuation. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A detected format and its proposed mapping. */
export interface Detection {
  format: ImportFormat;
  mapping: ImportMapping;
}

/**
 * The recognised format whose identifying headers are all present (the first in the list wins), with its
 * mapping; otherwise 'custom' with a guessed mapping for whichever target the headers fit better.
 */
export function detectFormat(headers: readonly string[]): Detection {
  const present = new Map(headers.map((header) => [headerKey(header), header]));
  for (const spec of SPECS) {
    if (!spec.keys.every((key) => present.has(headerKey(key)))) continue;
    return {
      format: spec.format,
      mapping: { target: spec.target, columns: pick(spec.columns, present), source: spec.source },
    };
  }
  const deals = pick(GUESSES.deals, present);
  const leads = pick(GUESSES.leads, present);
  const target: ImportTarget = score(leads, 'leads') > score(deals, 'deals') ? 'leads' : 'deals';
  return { format: 'custom', mapping: { target, columns: target === 'leads' ? leads : deals } };
}

/**
 * The column a recognised export fills a field from, as the CRM names it ("Deal Stage", "Amount"); null for
 * a custom file or a field the export does not have.
 */
export function knownHeader(format: ImportFormat, field: ImportField): string | null {
  return SPECS.find((candidate) => candidate.format === format)?.columns[field]?.[0] ?? null;
}

/** The origin recorded for a format's external ids: the CRM's, or the mapping's own for a custom file. */
export function externalSource(format: ImportFormat, mapping: ImportMapping): string {
  const spec = SPECS.find((candidate) => candidate.format === format);
  return spec?.source ?? mapping.source ?? 'csv';
}

function pick(
  candidates: Partial<Record<ImportField, string[]>>,
  present: Map<string, string>,
): Partial<Record<ImportField, string>> {
  const columns: Partial<Record<ImportField, string>> = {};
  const used = new Set<string>();
  for (const [field, names] of Object.entries(candidates) as [ImportField, string[]][]) {
    const found = names
      .map((name) => present.get(headerKey(name)))
      .find((header) => header !== undefined && !used.has(header));
    if (found !== undefined) {
      columns[field] = found;
      used.add(found);
    }
  }
  return columns;
}

/** How well a guessed mapping fits: fields found, fields that only that target has counting double. */
function score(columns: Partial<Record<ImportField, string>>, target: ImportTarget): number {
  const own: readonly ImportField[] =
    target === 'deals'
      ? ['title', 'amount', 'closeDate', 'won']
      : ['firstName', 'lastName', 'email', 'company', 'mqlDate', 'sqlDate'];
  return Object.keys(columns).reduce((sum, field) => sum + (own.includes(field as ImportField) ? 2 : 1), 0);
}
