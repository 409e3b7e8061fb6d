/**
 * The first run: a new machine with an empty database shows a setup screen instead of the
 * wall until someone picks demo data or an empty start, sets the admin PIN, names the two teams, sets the
 * shared KPI's target and picks the slides. The same input, read from a config file, sets up an
 * unattended install without anyone at the screen.
 */
import { z } from 'zod';
import { SLIDE_IDS } from '../slides';
import { pin } from './admin-methods';
import { name, none, read, wholeNumber, write } from './define';

/** Whether this database still waits for its first-run setup. */
export interface SetupStatus {
  /** true until setup is done (or the database already holds data from before this screen existed) */
  needed: boolean;
  /** when setup was completed (ms), null while needed or when the data predates setup */
  completedAt: number | null;
}

const slideId = z.enum(SLIDE_IDS, { error: `must be one of ${SLIDE_IDS.join(', ')}` });

/** What the two teams are called on the wall; the vocabulary underneath stays sales/marketing. */
export const teamNamesInput = z.object({ sales: name, marketing: name }).strict();

/** Input of `setup.complete`, and the `setup` part of an unattended install's config file. */
export const setupInput = z
  .object({
    /** 'demo' fills the database with a quarter of demo data; 'empty' starts with nothing */
    data: z.enum(['demo', 'empty'], { error: 'must be demo or empty' }),
    adminPin: pin,
    teamNames: teamNamesInput.default({ sales: 'Sales', marketing: 'Marketing' }),
    kpi: z
      .object({
        periodKind: z.enum(['month', 'quarter'], { error: 'must be month or quarter' }).default('month'),
        /** new paying customers the two teams aim for in the current period */
        target: wholeNumber().min(1, 'must be at least 1').max(1e6, 'is too large'),
      })
      .strict(),
    /** the slides the wall shows, in this order; the others stay off */
    slides: z
      .array(slideId)
      .min(1, 'pick at least one slide')
      .max(SLIDE_IDS.length)
      .superRefine((slides, check) => {
        // A slide twice in the rotation has no meaning: the playlist holds each slide once.
        slides.forEach((slide, index) => {
          if (slides.indexOf(slide) !== index) {
            check.addIssue({ code: 'custom', message: `repeats "${slide}"`, path: [index], input: slide });
          }
        });
      }),
  })
  .strict();

export const setupMethods = {
  'setup.status': read<SetupStatus>('viewer')(none),
  /** one transaction: data choice, PIN, team names, KPI target, playlist; refused once setup is done */
  'setup.complete': write<SetupStatus>('kiosk')(setupInput),
} as const;
