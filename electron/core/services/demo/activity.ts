/** The demo activity log: the kept events, written in time order after all rows. */
import { appendActivityEvent } from '../../db/repositories/activity-repository';
import type { DemoRun } from './demo-run';

/** Writes the kept events to the activity log in time order, each with an id drawn from the PRNG. */
export function writeActivity(run: DemoRun): void {
  // Stable sort: events at the same moment keep the order they happened in (won, then became customer).
  const events = run.events.map((event, index) => ({ event, index }));
  events.sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  for (const { event } of events) {
    appendActivityEvent(run.db, {
      id: run.rng.id(event.at),
      machineId: run.options.machineId,
      ...event,
      at: Math.round(event.at),
    });
    run.summary.activityEvents++;
  }
}
