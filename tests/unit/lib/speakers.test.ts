import { describe, expect, it } from 'vitest';
import type { Person, Team } from '@shared/domain';
import { speakerOrder } from '../../../src/lib/speakers';

function team(prefix: string, teamName: Team, count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, name: `${prefix} ${i}`, team: teamName }));
}
const teamsOf = (order: Person[]) => order.map((person) => (person.team === 'sales' ? 'S' : 'M')).join('');
/** the longest run of one team in a row */
function longestRun(order: Person[]): number {
  let longest = 0;
  let run = 0;
  order.forEach((person, i) => {
    run = i > 0 && order[i - 1]!.team === person.team ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}

describe('speakerOrder', () => {
  it('alternates strictly when both teams are the same size, sales first unless told otherwise', () => {
    const people = [...team('Mia', 'marketing', 3), ...team('Sam', 'sales', 3)];
    expect(teamsOf(speakerOrder(people))).toBe('SMSMSM');
    expect(teamsOf(speakerOrder(people, { startWith: 'marketing' }))).toBe('MSMSMS');
  });

  it('lets the larger team start and end when it has one more', () => {
    expect(teamsOf(speakerOrder([...team('S', 'sales', 2), ...team('M', 'marketing', 3)]))).toBe('MSMSM');
    expect(teamsOf(speakerOrder([...team('S', 'sales', 4), ...team('M', 'marketing', 3)]))).toBe('SMSMSMS');
  });

  it('spreads the extra speakers of a much larger team instead of leaving them at the end', () => {
    const order = speakerOrder([...team('S', 'sales', 6), ...team('M', 'marketing', 2)]);
    expect(order).toHaveLength(8);
    // 6 against 2 cannot alternate; the best spread has runs of at most ⌈6 / 3⌉ = 2.
    expect(longestRun(order)).toBe(2);
    expect(teamsOf(order).endsWith('SSS')).toBe(false);
  });

  it('never has two of the smaller team in a row', () => {
    for (let sales = 0; sales <= 7; sales += 1) {
      for (let marketing = 0; marketing <= 7; marketing += 1) {
        const order = speakerOrder([...team('S', 'sales', sales), ...team('M', 'marketing', marketing)]);
        const smaller = sales <= marketing ? 'S' : 'M';
        expect(order).toHaveLength(sales + marketing);
        if (sales !== marketing) expect(teamsOf(order)).not.toContain(smaller + smaller);
        else expect(longestRun(order)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('calls everybody exactly once, in a stable order by name within each team', () => {
    const people: Person[] = [
      { id: 'p3', name: 'Zoe', team: 'sales' },
      { id: 'p1', name: 'Ana', team: 'sales' },
      { id: 'p2', name: 'Tom', team: 'marketing' },
      { id: 'p4', name: 'Eli', team: 'marketing' },
    ];
    const order = speakerOrder(people);
    expect(order.map((person) => person.name)).toEqual(['Ana', 'Eli', 'Zoe', 'Tom']);
    expect(speakerOrder([...people].reverse())).toEqual(order);
    expect(new Set(order.map((person) => person.id)).size).toBe(4);
  });

  it('handles one team only, and nobody', () => {
    expect(teamsOf(speakerOrder(team('M', 'marketing', 3)))).toBe('MMM');
    expect(speakerOrder([])).toEqual([]);
  });
});
