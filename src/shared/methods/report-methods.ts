/**
 * Methods of the weekly report: the report of a week (the page, the PDF, the section PNGs), what this
 * server can print, and its delivery (settings, send now, history).
 */
import { z } from 'zod';
import {
  REPORT_WEEK_PATTERN,
  type ReportCapabilities,
  type ReportDeliveryView,
  type ReportFile,
  type ReportSectionImage,
  type ReportSendView,
  type WeeklyReport,
} from '../report';
import { listLimit, none, read, write } from './define';

/** A week id such as `2026-W48`. */
const weekId = z.string().regex(REPORT_WEEK_PATTERN, 'must look like 2026-W48');

/** A mail address as a person types it (the mail server has the last word). */
const mailAddress = z
  .string()
  .trim()
  .max(254, 'is too long')
  .regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, 'must be a mail address such as ana@example.com');

/** Input of `report.saveDelivery`. The password is only written when given; an empty string removes it. */
export const reportDeliveryInput = z
  .object({
    enabled: z.boolean(),
    weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 08:00'),
    paper: z.enum(['A4', 'Letter']),
    folder: z.string().trim().max(1000, 'is too long'),
    recipients: z.array(mailAddress).max(200, 'must list at most 200 recipients'),
    smtp: z
      .object({
        host: z.string().trim().max(253, 'is too long'),
        port: z.number().int().min(1, 'must be a port from 1 to 65535').max(65535, 'must be a port from 1 to 65535'),
        security: z.enum(['tls', 'starttls', 'none']),
        user: z.string().trim().max(254, 'is too long'),
        from: z.union([z.literal(''), mailAddress]),
      })
      .strict(),
    password: z.string().max(1000, 'is too long').optional(),
  })
  .strict();

/** Printing starts a browser: a few prints a minute per caller is plenty for people, too few for a flood. */
const PRINT_RATE = { rate: { calls: 6, perMs: 60_000 } } as const;

/** The report's methods: name (domain.verb) → kind, input schema, result type. */
export const reportMethods = {
  /** The report of a week (default: the last complete one). */
  'report.get': read<WeeklyReport>('viewer')(z.object({ week: weekId.optional() }).strict()),
  /** Whether this server can print a PDF, and why not. */
  'report.capabilities': read<ReportCapabilities>('viewer')(none),
  /** The week's report as a PDF, printed from the report page (each print starts a browser: rate-limited). */
  'report.pdf': read<ReportFile>(
    'viewer',
    PRINT_RATE,
  )(z.object({ week: weekId, paper: z.enum(['A4', 'Letter']).optional() }).strict()),
  /** A PNG of each section of the week's report page. */
  'report.images': read<ReportSectionImage[]>('viewer', PRINT_RATE)(z.object({ week: weekId }).strict()),
  /** Schedule, recipients, folder and mail server (never the password): the admin's, as it names people. */
  'report.delivery': read<ReportDeliveryView>('admin')(none),
  'report.saveDelivery': write<ReportDeliveryView>('admin')(reportDeliveryInput),
  /** Sends the week's report now to the recipients (and saves it to the folder). */
  'report.sendNow': write<ReportSendView>('admin')(z.object({ week: weekId }).strict()),
  /** What was sent to whom and when, newest first, with errors in words (the admin's: it names people). */
  'report.history': read<ReportSendView[]>('admin')(z.object({ limit: listLimit(200, 50) }).strict()),
} as const;
