/**
 * The weekly report's shapes: one ISO week in the room's zone, made of the wall's own figures (each
 * computed by the same service as its slide), plus what the report adds — won deals with their joint
 * credit, glossary changes and the change against the previous week — and its delivery settings and
 * history. Plain data only: no DOM, no Node.
 */
import type { FunnelResult, MoneyAmount, Period, SprintResult, Team } from './domain';
import type { ClockSetting } from './format/room';
import type { ActionItemView, GlossaryEntry, KpiResult, LeadQualityResult, SlaResult } from './figures';

/** An ISO week id in the room's zone, e.g. `2026-W48`. */
export const REPORT_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** One ISO week of the report. */
export interface ReportWeek {
  /** `2026-W48` */
  id: string;
  /** the week as a period (Monday 00:00 to the next Monday 00:00 in the room's zone) */
  period: Period;
  /** the week before, `2026-W47` */
  previousId: string;
  /** the week after, or null when that week has not begun */
  nextId: string | null;
  /** false while the week is still running: its figures are "so far" */
  complete: boolean;
}

/** A won deal with everyone who earned it: the closing rep and, where it has them, campaign and marketer. */
export interface WonDealCredit {
  id: string;
  title: string;
  amount: MoneyAmount;
  closedAt: number;
  repName: string | null;
  campaignName: string | null;
  marketerName: string | null;
  sourceTeam: Team | null;
}

/** The deals won in the week. */
export interface WonDealsSummary {
  count: number;
  /** won amount per currency, the room's first; never added across currencies */
  totals: MoneyAmount[];
  /** the largest won deals, at most {@link REPORT_LIST_LIMIT} */
  deals: WonDealCredit[];
}

/** Breached or late follow-ups of MQLs due in the week, per owner. */
export interface OwnerBreaches {
  ownerName: string | null;
  breached: number;
}

/** One figure against the previous week. */
export interface ReportChange {
  key: string;
  label: string;
  current: number | null;
  previous: number | null;
  /** how to show the values */
  unit: 'count' | 'percent' | 'money';
  /** whether a rise is good news (for colour and words) */
  higherIsBetter: boolean;
}

/** How many rows a list of the report shows at most (one printed page). */
export const REPORT_LIST_LIMIT = 8;

/** The weekly report: one page per ISO week. */
export interface WeeklyReport {
  week: ReportWeek;
  generatedAt: number;
  timezone: string;
  /** the room's locale and clock, so the page and the mail write dates and numbers the room's way */
  locale: string;
  clock: ClockSetting;
  currency: string;
  teamNames: { sales: string; marketing: string };
  /** the shared KPI over the week (weekly target, if one was entered) with the last weeks as trend */
  kpiWeek: KpiResult;
  /** the shared KPI over the room's period so far, at the end of the week, against target and pace */
  kpiPeriod: KpiResult;
  /** the funnel's flow in the week, its cohort conversion over the window ending then (no median times) */
  funnel: FunnelResult;
  /** the SLA over the week: MQLs delivered, follow-up compliance, breaches */
  sla: SlaResult;
  /** the SLA over its own period so far at the end of the week: marketing's commitment and pace */
  slaPeriod: SlaResult;
  breachesByOwner: OwnerBreaches[];
  /** the sprint running at the end of the week (or the next one), with its burn-up until then */
  sprint: SprintResult;
  /** lead quality by source and win/loss reasons, over the window ending at the end of the week */
  leadQuality: LeadQualityResult;
  wonDeals: WonDealsSummary;
  actions: { items: ActionItemView[]; open: number; overdue: number };
  /** glossary terms whose current version was set during the week */
  glossaryChanges: GlossaryEntry[];
  /** the week's headline figures against the week before */
  changes: ReportChange[];
}

/** How the report can be produced where this server runs. */
export interface ReportCapabilities {
  /** a PDF (and section PNGs) can be printed from the report page */
  pdf: boolean;
  /** why not, in words, when `pdf` is false */
  reason: string | null;
}

/** A produced file, base64 so that it crosses both transports as JSON. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  base64: string;
}

/** A PNG of one report section, for a chat message. */
export interface ReportSectionImage extends ReportFile {
  section: string;
  title: string;
}

/** How an SMTP connection is secured. */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** The paper the PDF is printed on. */
export type ReportPaper = 'A4' | 'Letter';

/** When and where the weekly report goes; the SMTP password is kept with the machine's secrets. */
export interface ReportDeliverySettings {
  enabled: boolean;
  /** ISO weekday of delivery, 1 = Monday … 7 = Sunday (the report is of the week before) */
  weekday: number;
  /** 'HH:MM' in the room's zone */
  time: string;
  paper: ReportPaper;
  /** the folder the PDFs are saved to; empty: `reports/` beside the database */
  folder: string;
  recipients: string[];
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    user: string;
    /** the sender address */
    from: string;
  };
  /** when the schedule was switched on: no week before it is sent by the schedule */
  enabledAt: number | null;
}

/** The delivery settings as the admin sees them: whether a password is stored, never the password. */
export interface ReportDeliveryView extends ReportDeliverySettings {
  hasPassword: boolean;
  /** the folder actually used (the default spelled out) */
  folderPath: string;
  /** the next scheduled delivery (epoch ms), or null when off */
  nextRunAt: number | null;
}

/** One delivery of a week's report, scheduled or asked for. */
export interface ReportSendView {
  id: string;
  week: string;
  trigger: 'schedule' | 'manual';
  status: 'pending' | 'sent' | 'failed';
  recipients: string[];
  file: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}
