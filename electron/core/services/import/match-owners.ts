/**
 * Matches the owners a file names to people: by email, then by name, ignoring case; an unknown owner is a
 * problem naming its lines, or a person to add when the mapping says so.
 */
import { type ImportMapping, type ImportProblem, WARNING_LINES } from '@shared/import-types';
import type { MatchablePerson } from '../../db/repositories/import-repository';
import type { Analysis, OwnerAt } from './analyse-file';
import type { ResolvedMapping } from './map-rows';
import type { OwnerRef } from './row-drafts';

/** How each owner text of the file resolves: a person's id, or a person to create. */
interface OwnerMatches {
  /** owner text → person id, or the person to add */
  byText: Map<string, string | { name: string; email: string | null }>;
  /** owner text → the name shown in the preview */
  names: Map<string, string>;
  /** the people to add, each once, with the rows that name them */
  created: { name: string; email: string | null; rows: number; lines: number[] }[];
  /** one per owner that matches nobody or several people, at the first line naming them */
  problems: ImportProblem[];
}

/** Every owner the file names, with the line that names it, in file order enough for reporting. */
export function* ownersOf(analysis: Analysis): Iterable<OwnerAt> {
  for (const draft of analysis.drafts) if (draft.owner !== null) yield { line: draft.line, owner: draft.owner };
  yield* analysis.failedOwners;
}

/**
 * Matches each distinct owner once. A file of 10,000 rows names the same few owners thousands of times, so an
 * owner who matches nobody is one problem (or one person to add) with a row count, not one per row.
 */
export function matchOwners(
  owners: Iterable<OwnerAt>,
  people: readonly MatchablePerson[],
  mapping: ImportMapping,
  resolved: ResolvedMapping | null,
): OwnerMatches {
  const byEmail = new Map<string, MatchablePerson[]>();
  const byName = new Map<string, MatchablePerson[]>();
  const add = (map: Map<string, MatchablePerson[]>, key: string, person: MatchablePerson) =>
    map.set(key, [...(map.get(key) ?? []), person]);
  for (const person of people) {
    if (person.email) add(byEmail, person.email.trim().toLowerCase(), person);
    add(byName, person.name.trim().toLowerCase(), person);
  }
  const column = resolved?.headers.owner ?? 'owner';
  const matches: OwnerMatches = { byText: new Map(), names: new Map(), created: [], problems: [] };
  /** owner text → the lines naming them, for owners that are not exactly one person */
  const unmatched = new Map<string, { owner: OwnerRef; found: number; lines: number[] }>();
  for (const { line, owner } of owners) {
    const known = matches.byText.get(owner.text);
    if (typeof known === 'string') continue;
    const seen = unmatched.get(owner.text);
    if (seen !== undefined) {
      seen.lines.push(line);
      continue;
    }
    const found = findPerson(owner, byEmail, byName);
    if (found.length === 1) {
      matches.byText.set(owner.text, found[0]!.id);
      matches.names.set(owner.text, found[0]!.name);
    } else {
      unmatched.set(owner.text, { owner, found: found.length, lines: [line] });
    }
  }
  for (const [text, { owner, found, lines }] of unmatched) {
    lines.sort((a, b) => a - b);
    if (found === 0 && mapping.createOwners === true) {
      const name = (owner.name ?? owner.email!).slice(0, 200);
      matches.byText.set(text, { name, email: owner.email });
      matches.names.set(text, `${name} (new)`);
      matches.created.push({ name, email: owner.email, rows: lines.length, lines: lines.slice(0, WARNING_LINES) });
    } else {
      matches.problems.push({ line: lines[0]!, column, field: 'owner', message: ownerProblem(owner, found, lines) });
    }
  }
  return matches;
}

function findPerson(
  owner: OwnerRef,
  byEmail: Map<string, MatchablePerson[]>,
  byName: Map<string, MatchablePerson[]>,
): MatchablePerson[] {
  if (owner.email !== null) {
    const found = byEmail.get(owner.email) ?? [];
    if (found.length > 0) return found;
  }
  return owner.name === null ? [] : (byName.get(owner.name.trim().toLowerCase()) ?? []);
}

function ownerProblem(owner: OwnerRef, matches: number, lines: readonly number[]): string {
  const rows = `${lines.length} row${lines.length === 1 ? '' : 's'}`;
  const where =
    lines.length === 1
      ? rows
      : `${rows}: lines ${lines.slice(0, WARNING_LINES).join(', ')}${lines.length > WARNING_LINES ? ', …' : ''}`;
  if (matches > 1) return `"${owner.text}" matches ${matches} people (${where}); name the owner by email address.`;
  return (
    `"${owner.text}" is nobody on the team (matched by name or email; ${where}); add the person first, ` +
    'or let the import add unknown owners (mapping option).'
  );
}
