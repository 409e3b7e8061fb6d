/**
 * What a CRM connector hands the sync engine: the vendor's records in one neutral shape. Each vendor's
 * folder turns its API's answers into these; the engine never sees a vendor's field names.
 */
import type { ApiAllowance, StageSuggestion, SyncObject } from '@shared/connections';
import type { LeadStage } from '@shared/domain';

/** A CRM owner: HubSpot owner or Salesforce user. */
export interface CrmOwner {
  crmId: string;
  name: string;
  email: string | null;
  /** HubSpot team names, or the Salesforce role name */
  teams: string[];
}

/** A deal stage as the CRM's metadata describes it (the preview's suggestion without counts and mapping). */
export type CrmStage = Omit<StageSuggestion, 'deals' | 'stageId' | 'confirmed'>;

/** A campaign or original source a record names. */
export interface CrmCampaign {
  crmId: string;
  name: string;
  /** the wall's channel words: inbound, paid, email, event … */
  channel: string;
  /** the team whose work brings records in through it */
  sourceTeam: 'sales' | 'marketing';
  ownerCrmId: string | null;
  modifiedAt: number;
}

/** A deal (HubSpot deal, Salesforce opportunity). */
export interface CrmDeal {
  crmId: string;
  title: string;
  /** in major units as the CRM gives it; null when the CRM has none */
  amount: number | null;
  currency: string | null;
  crmStageId: string;
  ownerCrmId: string | null;
  /** the first associated contact or the converted lead, as a CRM id of a lead the sync keeps */
  leadCrmId: string | null;
  campaign: CrmCampaign | null;
  createdAt: number;
  closedAt: number | null;
  /** the CRM's closed won / lost reason, as text */
  closeReason: string | null;
  modifiedAt: number;
}

/** A lead (HubSpot contact, Salesforce lead) with the time it entered each lifecycle stage. */
export interface CrmLead {
  crmId: string;
  name: string;
  company: string | null;
  ownerCrmId: string | null;
  campaign: CrmCampaign | null;
  createdAt: number;
  /** entry times per stage (epoch ms); a stage it never entered is absent */
  entered: Partial<Record<Exclude<LeadStage, 'disqualified'>, number>>;
  disqualifiedAt: number | null;
  disqualifiedReason: string | null;
  modifiedAt: number;
}

/** The record kinds read page by page. */
export type PagedObject = 'campaigns' | 'leads' | 'deals';
export type CrmRecordOf<O extends PagedObject> = O extends 'deals'
  ? CrmDeal
  : O extends 'leads'
    ? CrmLead
    : CrmCampaign;

/** One page of records, and how to go on. */
export interface CrmPage<T> {
  records: T[];
  /** the token that reads the next page of the same read; null on the last page */
  next: string | null;
  /**
   * True when an incremental read ended because the CRM caps how many results one query returns: the
   * engine starts a new read at the last modified time it wrote.
   */
  capped?: boolean;
}

/**
 * One vendor's API, as the engine uses it. Every call may throw a {@link CrmError} (connection-errors.ts).
 * A read is either full (every record, `since` null, resumable with `resume`) or incremental (records
 * modified at or after `since`, in ascending modified order).
 */
export interface CrmConnector {
  /** a sentence for the admin naming what the CRM answered ("Connected to HubSpot: 3 owners, 1 pipeline.") */
  test(): Promise<string>;
  owners(): Promise<CrmOwner[]>;
  stages(): Promise<CrmStage[]>;
  /** deals per CRM stage id, for the mapping preview */
  dealCountsByStage(): Promise<Map<string, number>>;
  /** the objects this vendor reads page by page, in the order they must be read */
  readonly pagedObjects: readonly PagedObject[];
  /** the CRM's own name for each object */
  readonly objectNames: Record<SyncObject, string>;
  page<O extends PagedObject>(object: O, since: number | null, resume: string | null): Promise<CrmPage<CrmRecordOf<O>>>;
  /** CRM ids of records of `object` deleted or archived (since `since` where the CRM can tell) */
  deleted(object: PagedObject, since: number | null): Promise<string[]>;
  /** the allowance the CRM last reported, if any */
  allowance(): ApiAllowance | null;
}
