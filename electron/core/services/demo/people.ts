/** The demo teams: six sales people and four marketers, and who takes a new lead. */
import type { Person, Team } from '@shared/domain';
import { insertPerson } from '../../db/repositories/people-repository';
import type { DemoRun } from './demo-run';
import { MARKETING_PEOPLE, SALES_PEOPLE } from './vocabulary';

/** Writes the two teams; e-mail addresses are made from the names. */
export function writePeople(run: DemoRun): void {
  const add = (name: string, team: Team) => {
    const email = `${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z ]/g, '')
      .replace(' ', '.')}@example.com`;
    const person = insertPerson(run.db, { id: run.ids.next(), name, team, email }, run.setupAt);
    run.names.set(person.id, person.name);
    (team === 'sales' ? run.sales : run.marketing).push(person);
  };
  SALES_PEOPLE.forEach((name) => add(name, 'sales'));
  MARKETING_PEOPLE.forEach((name) => add(name, 'marketing'));
  run.summary.people = run.sales.length + run.marketing.length;
}

/** The sales rep who takes a lead. */
export function pickRep(run: DemoRun): Person {
  // The team lead takes fewer leads than the reps.
  return run.rng.weighted(run.sales, (person) => (person === run.sales[0] ? 0.5 : 1));
}
