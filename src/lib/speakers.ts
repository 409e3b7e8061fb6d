/**
 * The stand-up's speaking order: sales and marketing take turns, so that neither team reports as a block
 * and the other only listens. When one team is larger, its extra speakers are spread evenly through the
 * list rather than left over at the end.
 */
import type { Person, Team } from '@shared/domain';

export interface SpeakerOrderOptions {
  /**
   * The team that speaks first when both are the same size (otherwise the larger team starts, so that
   * the turns stay as even as possible). Default: sales.
   */
  startWith?: Team;
}

/**
 * The speakers in speaking order. Within a team, people keep a stable order (by name, then id), so the
 * list is the same on every screen. Teams of the same size alternate, `startWith` first. Otherwise the
 * smaller team's m speakers split the larger team into m + 1 runs as even as possible (6 and 2 speak
 * SS M SS M SS), so the larger team starts and ends and no two of the smaller team follow each other.
 */
export function speakerOrder(people: readonly Person[], options: SpeakerOrderOptions = {}): Person[] {
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const sales = people.filter((person) => person.team === 'sales').sort(byName);
  const marketing = people.filter((person) => person.team === 'marketing').sort(byName);
  if (sales.length === marketing.length) {
    const [first, second] = options.startWith === 'marketing' ? [marketing, sales] : [sales, marketing];
    return first.flatMap((person, i) => [person, second[i]!]);
  }
  const [larger, smaller] = sales.length > marketing.length ? [sales, marketing] : [marketing, sales];
  const runs = smaller.length + 1;
  const order: Person[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Run boundaries by integer division spread the remainder evenly over the runs.
    const from = Math.floor((run * larger.length) / runs);
    const to = Math.floor(((run + 1) * larger.length) / runs);
    order.push(...larger.slice(from, to));
    if (run < smaller.length) order.push(smaller[run]!);
  }
  return order;
}
