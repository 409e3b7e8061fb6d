/**
 * What the display settings form hands its panels: the draft they edit, the form's errors and control ids
 * (see useEntryForm), and the status line. Provided by DisplaySection, which alone saves.
 */
import { computed, inject, type ComputedRef, type InjectionKey, type Ref } from 'vue';
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
