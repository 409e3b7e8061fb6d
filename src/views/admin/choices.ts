/** The words of the admin's choice lists: the two teams, and records as the choices of a select. */
import type { Team } from '@shared/domain';
import type { SelectOption } from '../../components/form/form-field-props';

export const TEAM_WORDS: Record<Team, string> = { sales: 'Sales', marketing: 'Marketing' };

/** The teams as choices of a select, in the order given. */
export function teamOptions(...teams: Team[]): SelectOption<Team>[] {
  return teams.map((team) => ({ value: team, label: TEAM_WORDS[team] }));
}

/** Records (campaigns, stages …) as the choices of a select, by id and name. */
export function namedOptions(records: readonly { id: string; name: string }[]): SelectOption[] {
  return records.map((record) => ({ value: record.id, label: record.name }));
}

/** The name of the record with this id (a person, a campaign), or a dash for none. */
export function nameOf(records: readonly { id: string; name: string }[], id: string | null): string {
  return records.find((record) => record.id === id)?.name ?? '—';
}
