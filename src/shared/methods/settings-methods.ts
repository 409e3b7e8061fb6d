/** The wall's display settings (what it shows, when and how), and who this running wall is. */
import { z } from 'zod';
import type { AppInfo, DisplaySettings } from '../domain';
import { CLOCK_SETTINGS } from '../format/room';
import { clockTime, none, periodKind, read, typedNumber, write } from './define';
import { teamNamesInput } from './setup-methods';

const timeWindow = z.object({ start: clockTime, end: clockTime }).strict();

/** Any subset of the display settings; omitted ones keep their value. */
export const settingsSaveInput = z
  .object({
    playlist: z
      .array(
        z
          .object({
            slideId: z.string().min(1).max(40),
            enabled: z.boolean(),
            durationSec: z.number().int('must be whole seconds').min(5, 'must be at least 5 seconds').max(3600),
          })
          .strict(),
      )
      .max(30),
    timezone: z.string().min(1).max(64),
    locale: z.string().min(2, 'must be a locale such as en-GB').max(35, 'must be a locale such as en-GB'),
    clock: z.enum(CLOCK_SETTINGS),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR'),
    periodKind,
    theme: z.enum(['dark', 'light']),
    skipEmptySlides: z.boolean(),
    night: z.object({ enabled: z.boolean(), workday: timeWindow, weekends: z.boolean() }).strict(),
    burnIn: z
      .object({
        enabled: z.boolean(),
        maxShiftPx: z.number().int().min(0).max(40),
        everyMinutes: z.number().int().min(1).max(120),
      })
      .strict(),
    privacySchedule: timeWindow.nullable(),
    lastWeekSlide: z
      .object({
        weekday: z
          .number()
          .int('must be 1 (Monday) to 7 (Sunday)')
          .min(1, 'must be 1 (Monday) to 7 (Sunday)')
          .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
        until: clockTime.refine((value) => value !== '00:00', 'must be later than 00:00'),
      })
      .strict(),
    celebrations: z
      .object({
        enabled: z.boolean(),
        durationSec: z.number().int().min(3).max(120),
        batchWindowSec: z.number().int().min(0).max(3600),
        quietHours: timeWindow.nullable(),
      })
      .strict(),
    meetingBannerMinutes: z.number().int().min(0).max(120),
    standupSecondsPerSpeaker: z.number().int().min(15).max(1800),
    staleAfterHours: z
      .number()
      .positive()
      .max(24 * 365),
    teamNames: teamNamesInput,
    slaComplianceTarget: typedNumber.gt(0, 'must be more than 0 %').max(1, 'must be at most 100 %'),
  })
  .partial()
  .strict();

/** The settings domain: name (domain.verb) → kind, input schema, result type. */
export const settingsMethods = {
  'app.info': read<AppInfo>('viewer')(none),
  'settings.display': read<DisplaySettings>('viewer')(none),
  'settings.save': write<DisplaySettings>('admin')(settingsSaveInput),
} as const;
