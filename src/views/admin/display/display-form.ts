/**
 * What the display settings form hands its panels: the draft they edit, the form's errors and control ids
 * (see useEntryForm), and the status line. Provided by DisplaySection, which alone saves.
 */
import { computed, inject, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import type { ControlAttrs, EntryField } from '../entry-fields';
import type { EntryForm } from '../use-entity-editor';
import type { Draft } from './display-draft';

export interface DisplayForm {
  draft: Ref<Draft | null>;
  entry: EntryForm;
  say: (message: string, isError?: boolean) => void;
}

export const DISPLAY_FORM: InjectionKey<DisplayForm> = Symbol('display-form');

/** The form a panel belongs to; the panels are shown only once the draft is there. */
export function useDisplayForm(): Omit<DisplayForm, 'draft'> & { draft: ComputedRef<Draft> } {
  const form = inject(DISPLAY_FORM);
  if (!form) throw new Error('A display settings panel belongs inside DisplaySection.');
  return { ...form, draft: computed(() => form.draft.value!) };
}

/** A part of a group of settings: a switch on a line of its own, or boxes laid out in a form grid. */
export type SettingsPart = EntryField | readonly EntryField[];

/** A group of display settings described as data (see SettingsGroup). */
export interface SettingsGroupSpec {
  legend: string;
  /** a sentence under the title, before the parts */
  hint?: string;
  testid?: string;
  parts: readonly SettingsPart[];
}

/** A switch (a checkbox with its label beside it); `testid` names it for the tests. */
export function switchField(field: string, label: string, testid?: string, attrs: ControlAttrs = {}): EntryField {
  return { field, label, control: 'check', attrs: { ...attrs, 'data-testid': testid } };
}

/** A time-of-day box, greyed out while the switch it belongs to is off. */
export function timeField(field: string, label: string, off = false, testid?: string): EntryField {
  return { field, label, control: 'input', attrs: { type: 'time', disabled: off, 'data-testid': testid } };
}

/** A box for a number from `min` to `max`, greyed out while the switch it belongs to is off. */
export function numberField(
  field: string,
  label: string,
  [min, max]: [number, number],
  more: { off?: boolean; testid?: string; hint?: string } = {},
): EntryField {
  const attrs = { type: 'number', min: String(min), max: String(max), disabled: more.off, 'data-testid': more.testid };
  return { field, label, hint: more.hint, control: 'input', attrs };
}
