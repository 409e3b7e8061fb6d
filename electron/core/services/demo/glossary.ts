/** The demo glossary: the terms both teams agreed on, some with a second version. */
import type { Person } from '@shared/domain';
import { addGlossaryTermVersion } from '../../db/repositories/glossary-repository';
import { DAY, HOUR } from './calendar';
import type { DemoRun } from './demo-run';

/** Writes the glossary terms, their versions and who changed them when. */
export function writeGlossary(run: DemoRun): void {
  const [ana] = run.sales as [Person];
  const [tom, elena] = run.marketing as [Person, Person];
  const agreedAt = run.calendar.days[0]!.start + 10 * HOUR;
  const terms: { term: string; definition: string; stageKey: string | null; by: Person; at: number }[] = [
    {
      term: 'Lead',
      stageKey: 'lead',
      by: tom,
      at: agreedAt,
      definition: 'Anyone who gave us contact details through a campaign or an inbound channel, or whom a rep sourced.',
    },
    {
      term: 'MQL',
      stageKey: 'mql',
      by: tom,
      at: agreedAt,
      definition: 'A lead who downloaded content or attended a webinar.',
    },
    {
      term: 'SQL',
      stageKey: 'sql',
      by: ana,
      at: agreedAt,
      definition: 'A lead a sales rep has spoken to and confirmed need, budget and timing; the rep owns it from here.',
    },
    {
      term: 'Opportunity',
      stageKey: 'opportunity',
      by: ana,
      at: agreedAt,
      definition: 'A qualified lead with at least one deal in the pipeline.',
    },
    {
      term: 'Paying customer',
      stageKey: 'customer',
      by: ana,
      at: agreedAt,
      definition: 'A lead whose first deal was won; counted once, on the day that deal closed.',
    },
    {
      term: 'Follow-up',
      stageKey: null,
      by: ana,
      at: agreedAt,
      definition:
        "A rep's first personal contact with an MQL (call, email or meeting), or its disqualification; due within the SLA's hours of the MQL time.",
    },
    {
      term: 'MQL',
      stageKey: 'mql',
      by: elena,
      at: run.now - 9 * DAY,
      definition:
        'A lead from a company of 20–2,000 people in our markets who asked for a demo, attended a webinar or scored 60 points; handed to sales with a named owner.',
    },
  ];
  for (const term of terms) {
    addGlossaryTermVersion(
      run.db,
      {
        id: run.ids.next(),
        term: term.term,
        definition: term.definition,
        stageKey: term.stageKey,
        changedBy: term.by.id,
      },
      term.at,
    );
  }
}
