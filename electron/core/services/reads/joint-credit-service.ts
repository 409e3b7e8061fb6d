/**
 * Joint credit for the current period (METRICS: win rate, sourced revenue): the win rate of the deals
 * closed in the period, the won amount split by the source team of each deal's lead, and every won deal
 * crediting its closing rep and its sourcing campaign and marketer side by side. The figures are per deal
 * and per team, never per person against person: the slide shows the two teams winning together.
 */
import type { MoneyAmount } from '@shared/domain';
import type { JointCreditResult } from '@shared/figures';
import type { CoreContext } from '../../context';
import {
  countClosedDealsBetween,
  countWinCreditsBetween,
  getDealsLatestChange,
  listWinCreditsBetween,
  sumWonAmountsBetween,
  type WonAmount,
} from '../../db/repositories/joint-credit-repository';
import { describeFreshness } from '../support/freshness';
import { periodContaining } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';

/** How many of the period's newest wins the result lists with their credit. */
export const RECENT_WINS = 8;

/** The joint credit of the current period (kind and zone from the room's settings), as one snapshot. */
export function getJointCredit(ctx: CoreContext): JointCreditResult {
  const { db, clock } = ctx;
  const settings = getDisplaySettings(ctx);
  const now = clock.now();
  const period = periodContaining(now, settings.periodKind, settings.timezone);
  return db
    .transaction((): JointCreditResult => {
      const closed = countClosedDealsBetween(db, period.start, period.end);
      const amounts = sumWonAmountsBetween(db, period.start, period.end);
      const credits = countWinCreditsBetween(db, period.start, period.end);
      const inTeam = (team: WonAmount['sourceTeam']) => amounts.filter((amount) => amount.sourceTeam === team);
      return {
        period,
        currency: settings.currency,
        winRate: {
          won: closed.won,
          lost: closed.lost,
          rate: closed.won + closed.lost === 0 ? null : closed.won / (closed.won + closed.lost),
        },
        sourcedRevenue: {
          marketing: roomCurrencyFirst(inTeam('marketing'), settings.currency),
          sales: roomCurrencyFirst(inTeam('sales'), settings.currency),
          unlinked: roomCurrencyFirst(inTeam(null), settings.currency).filter((amount) => amount.amountMinor > 0),
        },
        sales: { wins: credits.withRep, people: credits.reps },
        marketing: { wins: credits.withSource, campaigns: credits.campaigns, people: credits.marketers },
        jointWins: credits.joint,
        recentWins: listWinCreditsBetween(db, period.start, period.end, RECENT_WINS),
        freshness: describeFreshness(db, now, getDealsLatestChange(db)),
      };
    })
    .deferred();
}

/** The room's currency first (0 when nothing was won in it), then the others alphabetically, never added. */
function roomCurrencyFirst(amounts: readonly WonAmount[], roomCurrency: string): MoneyAmount[] {
  const room = amounts.find((amount) => amount.currency === roomCurrency);
  return [
    { currency: roomCurrency, amountMinor: room?.amountMinor ?? 0 },
    ...amounts
      .filter((amount) => amount.currency !== roomCurrency)
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map((amount) => ({ currency: amount.currency, amountMinor: amount.amountMinor })),
  ];
}
