/**
 * The live activity feed (METRICS: activity and freshness): the newest events first, each turned into the
 * words a person reads on the wall. The words come from the event's own payload, a snapshot taken when it
 * happened, so a later rename does not rewrite history and no join is needed per event.
 */
import type { ActivityEvent, ActivityResult } from '@shared/domain';
import type { CoreContext } from '../context';
import { getLatestActivityAt, listActivityEvents } from '../db/repositories/activity-repository';
import { describeFreshness } from './freshness';
import { getDisplaySettings } from './settings-service';

/**
 * Number formatting on the wall. One fixed locale until the room gets a locale setting, so that every
 * display (and every test machine) shows the same text.
 */
const LOCALE = 'en-US';

/** Input of {@link listActivity}. */
export interface ListActivityInput {
  /** how many events, newest first */
  limit: number;
  /** only events older than this sequence number (paging back) */
  beforeSeq?: number;
}

/** The newest activity events first (by local sequence), each with its headline and detail. */
export function listActivity(ctx: CoreContext, input: ListActivityInput): ActivityResult {
  const { db, clock } = ctx;
  const now = clock.now();
  const { currency } = getDisplaySettings(ctx);
  return db
    .transaction((): ActivityResult => {
      const options =
        input.beforeSeq === undefined ? { limit: input.limit } : { limit: input.limit, beforeSeq: input.beforeSeq };
      const items = listActivityEvents(db, options).map((event) => ({
        ...event,
        ...describeActivity(event, currency),
      }));
      return {
        items,
        freshness: describeFreshness(db, now, getLatestActivityAt(db)),
      };
    })
    .deferred();
}

/**
 * Formats an amount in minor units in its own currency, e.g. 1_200_000 EUR → "€12,000" and 1_050 USD →
 * "$10.50": no decimals for a whole amount. The minor-unit exponent is the currency's own (JPY has none).
 * An unknown currency code falls back to "12000.00 XYZ" rather than failing the whole feed.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  try {
    const digits =
      new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency,
      }).resolvedOptions().maximumFractionDigits ?? 2;
    const scale = 10 ** digits;
    const fraction = amountMinor % scale === 0 ? 0 : digits;
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    }).format(amountMinor / scale);
  } catch {
    return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  }
}

/** What a person reads for one event. */
export interface ActivityDescription {
  /** what happened, to what, e.g. "Deal won: Acme renewal — €12,000" */
  headline: string;
  /** by whom and the context, e.g. "closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)" */
  detail: string;
}

/**
 * Builds the headline and detail of an event from its type and payload snapshot. Money is shown in the
 * deal's own currency (`fallbackCurrency`, the room's, only when the payload names none). A won deal credits
 * its closing rep and, where it has them, its sourcing campaign and marketer (METRICS: sourced revenue).
 * Unknown types get a generic line from the type's name, so a newer writer never breaks an older wall.
 */
export function describeActivity(
  event: Pick<ActivityEvent, 'type' | 'payload'>,
  fallbackCurrency: string,
): ActivityDescription {
  const p = event.payload;
  const title = text(p, 'title') ?? 'Untitled deal';
  const amountMinor = money(p, 'amountMinor');
  const amount = amountMinor === null ? null : formatMoney(amountMinor, text(p, 'currency') ?? fallbackCurrency);
  const withAmount = (subject: string) => (amount === null ? subject : `${subject} — ${amount}`);
  const rep = text(p, 'closingRepName');
  const fromStage = text(p, 'fromStageName');
  const toStage = text(p, 'toStageName');

  switch (event.type) {
    case 'deal.created':
      return {
        headline: withAmount(`New deal: ${title}`),
        detail: join(toStage && `in ${toStage}`, rep && `rep ${rep}`, sourcing(p)),
      };
    case 'deal.stage_changed':
      return {
        headline: withAmount(`Deal moved: ${title}`),
        detail: join(
          fromStage && toStage ? `${fromStage} → ${toStage}` : toStage && `to ${toStage}`,
          rep && `rep ${rep}`,
        ),
      };
    case 'deal.won':
      return {
        headline: withAmount(`Deal won: ${title}`),
        detail: join(rep && `closed by ${rep}`, sourcing(p)),
      };
    case 'deal.lost': {
      // The reason label is optional in the payload (older events and imports may lack it).
      const why = text(p, 'closeReasonLabel');
      const where = fromStage && `lost in ${fromStage}`;
      return {
        headline: withAmount(`Deal lost: ${title}`),
        detail: join(where && why ? `${where} (${why})` : (where ?? (why && `lost: ${why}`)), rep && `rep ${rep}`),
      };
    }
    case 'lead.became_customer': {
      const deal = text(p, 'title');
      return {
        headline: `New paying customer: ${text(p, 'leadName') ?? deal ?? 'a lead'}`,
        detail: join(
          deal && `won ${amount === null ? deal : `${deal} (${amount})`}`,
          rep && `closed by ${rep}`,
          sourcing(p),
        ),
      };
    }
    default: {
      const subject = text(p, 'title') ?? text(p, 'name') ?? text(p, 'leadName') ?? text(p, 'campaignName');
      const what = humanize(event.type);
      return {
        headline: subject === null ? what : `${what}: ${subject}`,
        detail: amount ?? '',
      };
    }
  }
}

/** "sourced by Webinar Q4 (Tom Berg)", or with only the campaign or only the marketer; null with neither. */
function sourcing(payload: Record<string, unknown>): string | null {
  const campaign = text(payload, 'campaignName');
  const marketer = text(payload, 'sourcingMarketerName');
  if (campaign && marketer) return `sourced by ${campaign} (${marketer})`;
  if (campaign || marketer) return `sourced by ${campaign ?? marketer}`;
  return null;
}

/** A non-empty string field of the payload, or null (payloads come from older and newer writers). */
function text(payload: Record<string, unknown>, key: string): string | null {
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
