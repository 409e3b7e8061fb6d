/**
 * The weekly report as a mail: the summary in the body (a table with inline styles only, which Outlook,
 * Gmail and Apple Mail all render; no <style>, no images, no scripts) and a plain-text part with the same
 * words, the PDF attached. Sent through the company's SMTP server with nodemailer.
 */
import nodemailer from 'nodemailer';
import { formatMinorAmount } from '@shared/format';
import type { ReportDeliverySettings, WeeklyReport } from '@shared/report';
import {
  changeDeltaWords,
  changeIsGood,
  changeValueWords,
  paceWords,
  percentWords,
  reportTitle,
} from '@shared/report-words';

/** A composed mail, before it is sent. */
export interface ReportMail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The summary lines of the mail, label and value: the same figures as the report's first sections. */
export function summaryLines(report: WeeklyReport): [string, string][] {
  const { kpiWeek, kpiPeriod, sla, wonDeals } = report;
  const target = (value: number | null) => (value === null ? 'no target' : `target ${value}`);
  return [
    [`${kpiWeek.kpi.name}, this week`, `${kpiWeek.figure.actual} (${target(kpiWeek.figure.target)})`],
    [
      `${kpiPeriod.kpi.name}, ${kpiPeriod.period.label} so far`,
      `${kpiPeriod.figure.actual} of ${kpiPeriod.figure.target ?? '—'}, ${paceWords(kpiPeriod.figure)}`,
    ],
    [
      'MQLs delivered',
      report.slaPeriod.terms === null
        ? `${sla.marketing.actual} this week (no SLA agreed)`
        : `${sla.marketing.actual} this week; ${report.slaPeriod.marketing.actual} in ${report.slaPeriod.period.label} so far of ${report.slaPeriod.marketing.target} committed, ${paceWords(report.slaPeriod.marketing)}`,
    ],
    [
      'Follow-up compliance',
      `${percentWords(sla.sales.compliance, report.locale)} (met ${sla.sales.met}, late ${sla.sales.late}, breached ${sla.sales.breached})`,
    ],
    [
      'Deals won',
      `${wonDeals.count}, ${wonDeals.totals.map((total) => formatMinorAmount(total.amountMinor, total.currency, report.locale)).join(' + ')}`,
    ],
    ['Open retrospective actions', `${report.actions.open} (${report.actions.overdue} overdue)`],
  ];
}

/** Composes the mail of a week's report; `pageUrl` (optional) links to the report page. */
export function composeReportMail(report: WeeklyReport, pageUrl?: string): ReportMail {
  const title = reportTitle(report);
  const lines = summaryLines(report);
  const cell =
    'padding:6px 12px;border-bottom:1px solid #d9dde3;font-family:Arial,Helvetica,sans-serif;font-size:14px;';
  const rows = lines
    .map(
      ([label, value]) =>
        `<tr><td style="${cell}color:#3b4350;">${escapeHtml(label)}</td><td style="${cell}color:#111418;font-weight:bold;">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const changeRows = report.changes
    .map((change) => {
      const good = changeIsGood(change);
      const colour = good === null ? '#3b4350' : good ? '#14532b' : '#8a1c14';
      return `<tr><td style="${cell}color:#3b4350;">${escapeHtml(change.label)}</td><td style="${cell}color:#111418;">${escapeHtml(changeValueWords(change, change.current, report.currency, report.locale))}</td><td style="${cell}color:${colour};font-weight:bold;">${escapeHtml(changeDeltaWords(change, report.currency, report.locale))}</td></tr>`;
    })
    .join('');
  const heading = 'font-family:Arial,Helvetica,sans-serif;color:#111418;';
  const html = [
    '<!doctype html><html><body style="margin:0;padding:16px;background:#ffffff;">',
    `<h1 style="${heading}font-size:20px;margin:0 0 12px;">${escapeHtml(title)}</h1>`,
    `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:0 0 16px;">${rows}</table>`,
    `<h2 style="${heading}font-size:16px;margin:0 0 8px;">Against the week before</h2>`,
    `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:0 0 16px;">${changeRows}</table>`,
    `<p style="font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#3b4350;">The full report is attached as a PDF${pageUrl ? `, and on the wall's server at <a href="${escapeHtml(pageUrl)}" style="color:#1f5fbf;">${escapeHtml(pageUrl)}</a>` : ''}. Every figure is defined in the wall's metrics and computed the same way as on the wall.</p>`,
    '</body></html>',
  ].join('');
  const text = [
    title,
    '',
    ...lines.map(([label, value]) => `${label}: ${value}`),
    '',
    'Against the week before:',
    ...report.changes.map(
      (change) =>
        `${change.label}: ${changeValueWords(change, change.current, report.currency, report.locale)} (${changeDeltaWords(change, report.currency, report.locale)})`,
    ),
    '',
    'The full report is attached as a PDF.',
  ].join('\n');
  return { subject: `Alignboard: ${title}`, html, text };
}

/** Sends a composed mail with the PDF attached through the SMTP server of the settings. */
export async function sendReportMail(
  smtp: ReportDeliverySettings['smtp'] & { password: string | null },
  message: ReportMail & { to: string[]; attachment: { fileName: string; content: Buffer } },
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  try {
    await transport.sendMail({
      from: smtp.from || smtp.user,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: [
        { filename: message.attachment.fileName, content: message.attachment.content, contentType: 'application/pdf' },
      ],
    });
  } finally {
    transport.close();
  }
}

/** A mail failure in words an admin can act on. */
export function describeMailError(error: unknown, smtp: ReportDeliverySettings['smtp']): string {
  const failure = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const server = `${smtp.host}:${smtp.port}`;
  // nodemailer wraps socket errors as ESOCKET; the system's code is in the message then.
  const code = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)\b/.exec(failure.message ?? '')?.[1] ?? failure.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `The mail server ${server} refused the connection: check host and port.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EDNS':
      return `The mail server ${smtp.host} was not found: check the host name.`;
    case 'ETIMEDOUT':
      return `The mail server ${server} did not answer in time.`;
    case 'EAUTH':
      return `The mail server ${server} did not accept the user name or password.`;
    case 'ETLS':
      return `A secure connection to ${server} failed: check the security setting (TLS or STARTTLS).`;
    case 'EENVELOPE':
      return `The mail server refused the sender or a recipient: ${failure.response ?? failure.message ?? ''}`.trim();
    default:
      return `Sending through ${server} failed: ${failure.response ?? failure.message ?? String(error)}`;
  }
}
