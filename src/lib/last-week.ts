/**
 * What the "Last week" slide shows of a weekly report, picked out in one place so that a test can hold
 * the slide's figures against the database: the shared KPI of the week against its target, the week's
 * funnel flow with conversion, the SLA from both sides and the won deals with their joint credit. Every
 * number is the report's own (the same services); nothing is computed again here.
 */
import type { LifecycleStage, MoneyAmount, Team } from '@shared/domain';
import type { PaceStatus } from '@shared/figures';
import type { WeeklyReport, WonDealCredit } from '@shared/report';
import { shortPeriodLabel } from './wording';

/** The slide's figures of one week. */
export interface LastWeekFigures {
  /** the report's week, e.g. `2026-W48`, and its label "Week 48, 2026" */
  weekId: string;
  weekLabel: string;
  kpi: {
    name: string;
    actual: number;
    /** the week's target, null when none was entered for the week */
    target: number | null;
    status: PaceStatus;
    behindBy: number | null;
    split: { marketing: number; sales: number };
  };
  /** per lifecycle stage: leads that entered it in the week, and the share that moved on (cohort) */
  funnel: { stage: LifecycleStage; label: string; ownerTeam: Team; entered: number; conversionToNext: number | null }[];
  /** null when no SLA is agreed */
  sla: {
    marketing: {
      deliveredInWeek: number;
      /** MQLs delivered in the SLA's period (as the SLA slide counts it), against the commitment */
      deliveredInPeriod: number;
      committed: number;
      periodLabel: string;
      status: PaceStatus;
      behindBy: number | null;
    };
    sales: {
      followUpHours: number;
      businessHoursOnly: boolean;
      compliance: number | null;
      met: number;
      late: number;
      breached: number;
    };
  } | null;
  won: { count: number; totals: MoneyAmount[]; deals: WonDealCredit[] };
}

/** The slide's figures from a weekly report. */
export function lastWeekFigures(report: WeeklyReport): LastWeekFigures {
  const { kpiWeek, sla, slaPeriod } = report;
  return {
    weekId: report.week.id,
    weekLabel: report.week.period.label,
    kpi: {
      name: kpiWeek.kpi.name,
      actual: kpiWeek.figure.actual,
      target: kpiWeek.figure.target,
      status: kpiWeek.figure.status,
      behindBy: kpiWeek.figure.behindBy,
      split: { ...kpiWeek.split },
    },
    funnel: report.funnel.lifecycle.map((row) => ({
      stage: row.stage,
      label: row.label,
      ownerTeam: row.ownerTeam,
      entered: row.enteredInPeriod,
      conversionToNext: row.conversionToNext,
    })),
    sla:
      sla.terms === null
        ? null
        : {
            marketing: {
              deliveredInWeek: sla.marketing.actual,
              deliveredInPeriod: slaPeriod.marketing.actual,
              committed: sla.terms.mqlsPerPeriod,
              periodLabel: shortPeriodLabel(slaPeriod.period),
              status: slaPeriod.marketing.status,
              behindBy: slaPeriod.marketing.behindBy,
            },
            sales: {
              followUpHours: sla.terms.followUpHours,
              businessHoursOnly: sla.terms.businessHoursOnly,
              compliance: sla.sales.compliance,
              met: sla.sales.met,
              late: sla.sales.late,
              breached: sla.sales.breached,
            },
          },
    won: { count: report.wonDeals.count, totals: report.wonDeals.totals, deals: report.wonDeals.deals },
  };
}
