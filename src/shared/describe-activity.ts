/**
 * The words a person reads for one activity event, built from the event's own payload (a snapshot taken
 * when it happened, so a later rename does not rewrite history). Shared by the server, which words the
 * feed it sends, and the renderer, which re-words events without names and amounts in privacy mode.
 */
import { isEventOf, type ActivityEventType } from './activity-events';
import type { ActivityEvent } from './domain';
import { isCalendarDate } from './calendar/days';
import {
  DEFAULT_ROOM_FORMAT,
  formatDecimal as formatNumber,
  formatLength,
  formatMinorAmount as formatAmount,
  formatShortDate,
  formatTimeOfDay,
} from './format';

/** What a person's name reads as in privacy mode. */
export const REDACTED_NAME = 'Team member';
/** What an amount reads as in privacy mode. */
export const REDACTED_AMOUNT = '•••';

/** What a person reads for one event. */
export interface ActivityDescription {
  /** what happened, to what, e.g. "Deal won: Acme renewal — €12,000" */
  headline: string;
  /** by whom and the context, e.g. "closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)" */
  detail: string;
}

/** Options of {@link describeActivity}. */
export interface DescribeActivityOptions {
  /**
   * Privacy mode, for visitors: every person's name reads {@link REDACTED_NAME} and every amount
   * {@link REDACTED_AMOUNT}. Leads, their companies and deal titles (which usually carry the customer's
   * name) are left out altogether: "Deal won — •••". Campaigns, stages and planning titles still show.
   */
  redact?: boolean;
}

/** Entities whose `title` is a deal's (it names the customer), left out in privacy mode. */
const DEAL_TITLED = new Set(['deal', 'lead']);

/** Payload fields naming a team member, who is credited as {@link REDACTED_NAME} in privacy mode. */
const TEAM_MEMBER_KEYS = new Set(['closingRepName', 'sourcingMarketerName', 'ownerName']);
/**
 * Entities whose `name` is not a person's. Any other entity's `name` (a lead's, a person's, or one this
 * version does not know) is treated as a person's and left out in privacy mode.
 */
const NAMED_THINGS = new Set(['campaign', 'sprint', 'sprint_goal', 'glossary', 'meeting', 'kpi', 'retrospective']);

/**
 * Builds the headline and detail of an event from its type and payload snapshot. Money is shown in the
 * deal's own currency (`fallbackCurrency`, the room's, only when the payload names none). A won deal credits
 * its closing rep and, where it has them, its sourcing campaign and marketer (METRICS: sourced revenue).
 * Unknown types get a generic line from the type's name, so a newer writer never breaks an older wall.
 * With `redact`, no person's name and no amount from the payload appears in the words. Every event of
 * `ActivityEvents` is worded here: one without a case does not compile.
 */
export function describeActivity(
  event: Pick<ActivityEvent, 'type' | 'payload'>,
  fallbackCurrency: string,
  options: DescribeActivityOptions = {},
): ActivityDescription {
  const redact = options.redact === true;
  const p = event.payload;
  const entity = event.type.split('.')[0] ?? '';
  const text = (key: string): string | null => {
    const value = plainText(p, key);
    if (value === null || !redact) return value;
    if (TEAM_MEMBER_KEYS.has(key)) return REDACTED_NAME;
    if (key === 'leadName' || key === 'company' || (key === 'name' && !NAMED_THINGS.has(entity))) return null;
    if (key === 'title' && DEAL_TITLED.has(entity)) return null;
    return value;
  };
  // In privacy mode a deal is not named at all ("Deal won — •••"), rather than called "Untitled".
  const title = text('title') ?? (redact ? null : 'Untitled deal');
  const amountMinor = money(p, 'amountMinor');
  const amount =
    amountMinor === null
      ? null
      : redact
        ? REDACTED_AMOUNT
        : formatAmount(amountMinor, text('currency') ?? fallbackCurrency);
  const withAmount = (subject: string) => (amount === null ? subject : `${subject} — ${amount}`);
  const dealLine = (what: string) => withAmount(title === null ? what : `${what}: ${title}`);
  const rep = text('closingRepName');
  const fromStage = text('fromStageName');
  const toStage = text('toStageName');

  const generic = (name: string): ActivityDescription => {
    const subject = text('title') ?? text('name') ?? text('leadName') ?? text('campaignName');
    const what = humanize(name);
    return {
      headline: subject === null ? what : `${what}: ${subject}`,
      detail: amount ?? '',
    };
  };

  // The log may hold events of a newer version: those reach the default case below.
  const type = event.type as ActivityEventType;
  switch (type) {
    case 'deal.created':
      return {
        headline: dealLine('New deal'),
        detail: join(toStage && `in ${toStage}`, rep && `rep ${rep}`, sourcing(text)),
      };
    case 'deal.stage_changed':
      return {
        headline: dealLine('Deal moved'),
        detail: join(
          fromStage && toStage ? `${fromStage} → ${toStage}` : toStage && `to ${toStage}`,
          rep && `rep ${rep}`,
        ),
      };
    case 'deal.won':
      return {
        headline: dealLine('Deal won'),
        detail: join(rep && `closed by ${rep}`, sourcing(text)),
      };
    case 'deal.lost': {
      // The reason label is optional in the payload (older events and imports may lack it).
      const why = text('closeReasonLabel');
      const where = fromStage && `lost in ${fromStage}`;
      return {
        headline: dealLine('Deal lost'),
        detail: join(where && why ? `${where} (${why})` : (where ?? (why && `lost: ${why}`)), rep && `rep ${rep}`),
      };
    }
    case 'lead.became_customer': {
      const deal = text('title');
      return {
        headline: `New paying customer: ${text('leadName') ?? deal ?? 'a lead'}`,
        detail: join(
          deal && `won ${amount === null ? deal : `${deal} (${amount})`}`,
          rep && `closed by ${rep}`,
          sourcing(text),
        ),
      };
    }
    case 'lead.stage_changed':
      return {
        headline: `Lead moved to ${text('toStageLabel') ?? 'another stage'}: ${text('leadName') ?? 'a lead'}`,
        detail: join(
          text('fromStageLabel') && `from ${text('fromStageLabel')}`,
          text('ownerName') && `owner ${text('ownerName')}`,
        ),
      };
    case 'lead.disqualified':
      return {
        // The reason is free text a person typed; in privacy mode it is left out with the names.
        headline: `Lead disqualified: ${text('leadName') ?? 'a lead'}`,
        detail: join(!redact && text('reason'), text('fromStageLabel') && `was ${text('fromStageLabel')}`),
      };
    case 'lead.followed_up':
      return {
        headline: `First follow-up: ${text('leadName') ?? 'a lead'}`,
        detail: join(text('ownerName') && `by ${text('ownerName')}`),
      };
    case 'change.undone':
      return describeUndone(event.payload, fallbackCurrency, options);
    case 'import.completed':
      return describeImport(p);
    case 'data.restored': {
      // `backupTakenAt` is the backup's time in the room's zone (backup-service.ts); older events only
      // have the title "backup of Nov 27, 2026, 9:00 AM".
      const taken = localDateTime(text('backupTakenAt'));
      const backup = taken === null ? (text('title') ?? 'a backup') : `the backup of ${taken}`;
      return {
        headline: `Data restored from ${backup}`,
        detail: text('safetyBackup') === null ? '' : 'the data before is kept as a backup',
      };
    }
    case 'data.demo_removed':
      return { headline: 'Demo data removed', detail: 'a backup of it was taken first' };
    case 'standup.held':
    case 'meeting.held': {
      // "Stand-up held in 12 min · 8 speakers"; another meeting is named by its title.
      const took = money(p, 'durationMs');
      const speakers = money(p, 'speakers');
      const what = type === 'standup.held' ? 'Stand-up' : (text('meetingTitle') ?? 'Meeting');
      return {
        headline: took === null ? `${what} held` : `${what} held in ${formatLength(took)}`,
        detail: join(speakers !== null && speakers > 0 && `${speakers} ${speakers === 1 ? 'speaker' : 'speakers'}`),
      };
    }
    case 'sprint.saved':
    case 'sprint.deleted':
    case 'goal.saved':
    case 'goal.progressed':
    case 'goal.deleted':
    case 'retrospective.saved':
    case 'action_item.saved':
    case 'action_item.done':
    case 'action_item.reopened':
    case 'action_item.deleted':
    case 'sla.terms_changed':
    case 'kpi.target_set':
    case 'meeting.saved':
    case 'meeting.deleted':
    case 'glossary.term_changed':
    case 'settings.changed':
    case 'setup.completed':
      return describePlanning(type, p, text) ?? generic(type);
    case 'connection.created':
    case 'connection.updated':
    case 'connection.mapping_confirmed':
    case 'connection.paused':
    case 'connection.resumed':
    case 'connection.removed':
    case 'connection.entries_linked':
      return describeConnection(type, p) ?? generic(type);
    // Worded from the name and the payload's title or name: "Lead created: Jo Park", "Person updated: Ana".
    case 'deal.updated':
    case 'deal.deleted':
    case 'lead.created':
    case 'lead.updated':
    case 'lead.deleted':
    case 'lead.reviewed':
    case 'person.created':
    case 'person.updated':
    case 'person.deleted':
    case 'campaign.created':
    case 'campaign.updated':
    case 'campaign.deleted':
    case 'sharing.changed':
    case 'sharing.tokensRotated':
    case 'import.mapping_saved':
      return generic(type);
    default:
      // Only an event this version does not know gets here; `never` fails to compile when an event of
      // ActivityEvents has no case above.
      return generic(type satisfies never);
  }
}

/**
 * 'change.undone' (undo-service.ts): the undone event's own words, prefixed "Undone: ", or "Redone: " when
 * an undo was undone (and so on, alternating, for undo chains). The payload keeps the undone event's type
 * and snapshot as `undoneType` and `undonePayload`.
 */
function describeUndone(
  payload: Record<string, unknown>,
  fallbackCurrency: string,
  options: DescribeActivityOptions,
): ActivityDescription {
  let depth = 0;
  let current: Record<string, unknown> = payload;
  // Bounded: a chain longer than this is worded by its last known level.
  while (depth < 50 && typeof current.undoneType === 'string') {
    const inner: unknown = current.undonePayload;
    depth += 1;
    const undone = {
      type: current.undoneType,
      payload: inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {},
    };
    current = undone.payload;
    if (!isEventOf(undone, 'change.undone')) {
      const words = describeActivity(undone, fallbackCurrency, options);
      return { headline: `${depth % 2 === 1 ? 'Undone' : 'Redone'}: ${words.headline}`, detail: words.detail };
    }
  }
  return { headline: 'Change undone', detail: '' };
}

/** Where an import's rows came from, by the recognised format (import-types.ts: ImportFormat). */
const IMPORT_SOURCES: Record<string, string> = {
  'hubspot-deals': 'HubSpot',
  'hubspot-contacts': 'HubSpot',
  'salesforce-opportunities': 'Salesforce',
};

/**
 * 'import.completed' (import-service.ts): "Imported 1,204 deals from HubSpot" with "1,180 new · 24 updated"
 * (counts of zero left out). The payload names no person and no amount, so privacy mode words it the same.
 */
function describeImport(p: Record<string, unknown>): ActivityDescription {
  const added = money(p, 'imported') ?? 0;
  const updated = money(p, 'updated') ?? 0;
  const people = money(p, 'peopleCreated') ?? 0;
  const rows = added + updated;
  const kind = p.target === 'leads' ? 'lead' : 'deal';
  const format = typeof p.format === 'string' ? IMPORT_SOURCES[p.format] : undefined;
  return {
    headline: `Imported ${formatNumber(rows)} ${rows === 1 ? kind : `${kind}s`} from ${format ?? 'a CSV file'}`,
    detail: join(
      added > 0 && `${formatNumber(added)} new`,
      updated > 0 && `${formatNumber(updated)} updated`,
      people > 0 && `${formatNumber(people)} ${people === 1 ? 'person' : 'people'} added`,
    ),
  };
}

/** "sourced by Webinar Q4 (Tom Berg)", or with only the campaign or only the marketer; null with neither. */
function sourcing(text: (key: string) => string | null): string | null {
  const campaign = text('campaignName');
  const marketer = text('sourcingMarketerName');
  if (campaign && marketer) return `sourced by ${campaign} (${marketer})`;
  if (campaign || marketer) return `sourced by ${campaign ?? marketer}`;
  return null;
}

/** A non-empty string field of the payload, or null (payloads come from older and newer writers). */
function plainText(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A whole, non-negative number of minor units, or null. */
function money(payload: Record<string, unknown>, key: string): number | null {
  const value = payload[key];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** The parts that are present, joined with a middle dot. */
function join(...parts: (string | null | undefined | false | '')[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' · ');
}

/** 'sprint_goal.updated' → 'Sprint goal updated'. */
function humanize(type: string): string {
  const words = type
    .split(/[._\s]+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words === '' ? 'Activity' : words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words of the planning events (sprints, goals, retros, SLA, KPI, meetings, glossary, settings). */
function describePlanning(
  type: ActivityEventType,
  p: Record<string, unknown>,
  text: (key: string) => string | null,
): ActivityDescription | null {
  const created = p.created === true;
  const title = text('title') ?? 'Untitled';
  switch (type) {
    case 'sprint.saved':
    case 'sprint.deleted': {
      const name = text('name') ?? 'a sprint';
      const dates = dateRange(text('startsOn'), text('endsOn'));
      if (type === 'sprint.deleted') return { headline: `Sprint removed: ${name}`, detail: '' };
      return { headline: `${created ? 'Sprint planned' : 'Sprint changed'}: ${name}`, detail: dates ?? '' };
    }
    case 'goal.saved':
    case 'goal.progressed':
    case 'goal.deleted': {
      const score = goalScore(p);
      const sprint = text('sprintName');
      if (type === 'goal.progressed') {
        const previous = figure(p, 'previous');
        const target = figure(p, 'target');
        const current = figure(p, 'current');
        const share = target !== null && target > 0 && current !== null ? Math.round((current / target) * 100) : null;
        return {
          headline: score === null ? `Goal progress: ${title}` : `Goal progress: ${title} ${score}`,
          detail: join(share !== null && `${share} %`, previous !== null && `was ${formatNumber(previous)}`, sprint),
        };
      }
      if (type === 'goal.deleted') return { headline: `Goal removed: ${title}`, detail: join(sprint) };
      return { headline: `${created ? 'New goal' : 'Goal changed'}: ${title}`, detail: join(score, sprint) };
    }
    case 'retrospective.saved': {
      const held = shortDate(text('heldOn'));
      return {
        headline: created ? `Retrospective held${held ? ` on ${held}` : ''}` : 'Retrospective notes changed',
        detail: join(text('sprintName')),
      };
    }
    case 'action_item.saved':
    case 'action_item.done':
    case 'action_item.reopened':
    case 'action_item.deleted': {
      const verb = {
        'action_item.saved': created ? 'New action item' : 'Action item changed',
        'action_item.done': 'Action item done',
        'action_item.reopened': 'Action item reopened',
        'action_item.deleted': 'Action item removed',
      }[type];
      const owner = text('ownerName');
      const due = shortDate(text('dueOn'));
      return {
        headline: `${verb}: ${title}`,
        detail: join(owner && `owner ${owner}`, type !== 'action_item.done' && due && `due ${due}`),
      };
    }
    case 'sla.terms_changed': {
      const previous =
        p.previous !== null && typeof p.previous === 'object' ? (p.previous as Record<string, unknown>) : null;
      return {
        headline: `New SLA terms: ${slaTerms(p) ?? 'changed'}`,
        detail: previous === null ? 'the first terms' : join(slaTerms(previous) && `were ${slaTerms(previous)}`),
      };
    }
    case 'kpi.target_set': {
      const target = figure(p, 'target');
      const previous = figure(p, 'previousTarget');
      const period = text('periodLabel') ?? text('periodStart');
      return {
        headline:
          `${text('name') ?? 'Shared KPI'} target` +
          (target === null ? ' set' : `: ${formatNumber(target)}${period ? ` for ${period}` : ''}`),
        detail: previous === null ? '' : `was ${formatNumber(previous)}`,
      };
    }
    case 'meeting.saved':
    case 'meeting.deleted': {
      if (type === 'meeting.deleted') return { headline: `Meeting removed: ${title}`, detail: '' };
      const days = Array.isArray(p.weekdays)
        ? p.weekdays.filter((day): day is number => typeof day === 'number' && WEEKDAYS[day] !== undefined)
        : [];
      const minutes = figure(p, 'durationMin');
      return {
        headline: `${created ? 'New meeting' : 'Meeting changed'}: ${title}`,
        detail: join(
          days.length > 0 && days.map((day) => WEEKDAYS[day]).join(', '),
          text('startTime') && `at ${text('startTime')}`,
          minutes !== null && `${formatNumber(minutes)} min`,
        ),
      };
    }
    case 'glossary.term_changed': {
      const term = text('term') ?? 'a term';
      const version = figure(p, 'version');
      const definition = text('definition');
      return {
        headline:
          version === null || version <= 1 ? `Glossary: ${term} added` : `Glossary: ${term} changed (v${version})`,
        detail: definition === null ? '' : clip(definition, 140),
      };
    }
    case 'settings.changed': {
      const keys = Array.isArray(p.keys) ? p.keys.filter((key): key is string => typeof key === 'string') : [];
      return {
        headline: keys.length === 0 ? 'Settings changed' : `Settings changed: ${keys.map(settingWords).join(', ')}`,
        detail: '',
      };
    }
    case 'setup.completed': {
      // "Wall set up with demo data" · "target 42 for Q4 2026"
      const target = figure(p, 'target');
      return {
        headline: `Wall set up${text('data') === 'demo' ? ' with demo data' : ''}`,
        detail: join(target !== null && `target ${formatNumber(target)} for ${text('periodLabel') ?? 'this period'}`),
      };
    }
    default:
      return null;
  }
}

const WEEKDAYS: Record<number, string> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' };
const PER_PERIOD: Record<string, string> = { week: 'a week', month: 'a month', quarter: 'a quarter' };
const SETTING_WORDS: Record<string, string> = {
  playlist: 'slides',
  timezone: 'time zone',
  locale: 'locale',
  clock: 'clock',
  periodKind: 'period',
  skipEmptySlides: 'empty slides',
  night: 'night screen',
  burnIn: 'burn-in protection',
  privacySchedule: 'privacy hours',
  lastWeekSlide: 'hours of the "Last week" slide',
  meetingBannerMinutes: 'meeting banner',
  standupSecondsPerSpeaker: 'stand-up timer',
  staleAfterHours: 'stale data warning',
  teamNames: 'team names',
  slaComplianceTarget: 'SLA compliance target',
  backupsKeepDaily: 'daily backups kept',
};

/** A finite number field of the payload, or null. */
function figure(payload: Record<string, unknown>, key: string): number | null {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "42 / 150 sign-ups", or null without both figures. */
function goalScore(p: Record<string, unknown>): string | null {
  const current = figure(p, 'current');
  const target = figure(p, 'target');
  if (current === null || target === null) return null;
  const unit = typeof p.unit === 'string' && p.unit.trim() !== '' ? ` ${p.unit.trim()}` : '';
  return `${formatNumber(current)} / ${formatNumber(target)}${unit}`;
}

/** '2026-11-27 09:00' → "27 Nov 09:00"; null for anything else. */
function localDateTime(value: string | null): string | null {
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  const date = match ? shortDate(match[1]!) : null;
  return match && date ? `${date} ${formatTimeOfDay(`${match[2]}:${match[3]}`, DEFAULT_ROOM_FORMAT)}` : null;
}

/** '2026-11-27' → "27 Nov"; null for anything else. */
function shortDate(date: string | null): string | null {
  return date !== null && isCalendarDate(date) ? formatShortDate(date, DEFAULT_ROOM_FORMAT) : null;
}

function dateRange(from: string | null, to: string | null): string | null {
  const start = shortDate(from);
  const end = shortDate(to);
  return start && end ? `${start} – ${end}` : (start ?? end);
}

/** "40 MQLs a month, follow-up within 24 h", from a payload's or a previous-terms snapshot's fields. */
function slaTerms(terms: Record<string, unknown>): string | null {
  const mqls = figure(terms, 'mqlsPerPeriod');
  const hours = figure(terms, 'followUpHours');
  const per = typeof terms.periodKind === 'string' ? PER_PERIOD[terms.periodKind] : undefined;
  const parts = [
    mqls !== null && `${formatNumber(mqls)} ${mqls === 1 ? 'MQL' : 'MQLs'}${per ? ` ${per}` : ''}`,
    hours !== null && `follow-up within ${formatNumber(hours)} h`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? null : parts.join(', ');
}

function settingWords(key: string): string {
  return SETTING_WORDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** At most `max` characters, cut at a word with an ellipsis. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Words of the CRM connection events (connection-service.ts); their payloads never hold credentials. */
function describeConnection(type: ActivityEventType, p: Record<string, unknown>): ActivityDescription | null {
  const crm = typeof p.label === 'string' ? p.label : 'CRM';
  const count = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : 0);
  switch (type) {
    case 'connection.created':
      return { headline: `${crm} connected`, detail: '' };
    case 'connection.updated':
      return { headline: `${crm} connection changed`, detail: p.credentialsChanged === true ? 'new credentials' : '' };
    case 'connection.mapping_confirmed':
      return {
        headline: `${crm} stage mapping confirmed`,
        detail: count('peopleCreated') > 0 ? `${count('peopleCreated')} new people from ${crm}` : '',
      };
    case 'connection.paused':
      return { headline: `${crm} sync paused`, detail: '' };
    case 'connection.resumed':
      return { headline: `${crm} sync resumed`, detail: '' };
    case 'connection.removed':
      return { headline: `${crm} disconnected`, detail: `${count('keptRecords')} synced records kept` };
    case 'connection.entries_linked':
      return {
        headline: `Entered deals matched to ${crm}`,
        detail: `${count('linked')} linked, ${count('replaced')} replaced`,
      };
    default:
      return null;
  }
}
