/**
 * The error state of one admin form: field errors from the client's zod check or from the server, shown
 * by FormField next to their field, and the focus moved to the first field in trouble.
 */
import { computed, nextTick, reactive, type Ref } from 'vue';
import { FORM_ERROR, serverErrors, validateForm, type FieldErrors, type FieldLabels } from '../../lib/form-validation';
import type { z } from 'zod';

export interface FormErrors {
  /** field path → message; '' holds a message that belongs to no field */
  errors: FieldErrors;
  /** the message that belongs to no field, if any */
  formError: Readonly<Ref<string>>;
  clear(): void;
  /** Replaces the errors and focuses the first field that has one. */
  show(next: FieldErrors): Promise<void>;
  /** Checks values with a contract schema; shows the errors and returns null when they fail. */
  check<S extends z.ZodType>(schema: S, values: unknown): Promise<z.output<S> | null>;
  /** Shows a failed call's error next to its field (or for the whole form). */
  fromServer(error: unknown): Promise<void>;
}

/**
 * `root` is the form element: the first field in trouble is found there by its `aria-describedby`
 * (FormField points it at `error-<field>`).
 */
export function useFormErrors(root: Ref<HTMLElement | null>, labels: FieldLabels): FormErrors {
  const errors = reactive<FieldErrors>({});
  const formError = computed(() => errors[FORM_ERROR] ?? '');

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  async function show(next: FieldErrors): Promise<void> {
    clear();
    Object.assign(errors, next);
    await nextTick();
    const fields = Object.keys(next).filter((field) => field !== FORM_ERROR);
    for (const control of root.value?.querySelectorAll<HTMLElement>('[aria-describedby]') ?? []) {
      const ids = control.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
      if (fields.some((field) => ids.includes(`error-${field}`))) {
        control.focus();
        return;
      }
    }
  }

  async function check<S extends z.ZodType>(schema: S, values: unknown): Promise<z.output<S> | null> {
    const result = validateForm(schema, values, labels);
    if (result.ok) {
      clear();
      return result.data;
    }
    await show(result.errors);
    return null;
  }

  return { errors, formError, clear, show, check, fromServer: (error) => show(serverErrors(error, labels)) };
}
