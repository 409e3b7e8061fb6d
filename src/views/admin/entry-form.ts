/**
 * The behaviour every planning form shares: validate with the contract's zod schema before calling,
 * show the client's or the server's message next to its field, move the focus to the first field in
 * trouble, and after a save announce it and put the focus back where the next entry starts.
 *
 * Controls are found by id: a form's fields have the ids `<prefix>-<field path>` (FormField's controlId),
 * so an error's field path leads straight to its control.
 */
import { nextTick, ref } from 'vue';
import type { z } from 'zod';
import { FORM_ERROR, serverErrors, validateForm, type FieldErrors, type FieldLabels } from '../../lib/form-validation';

/** The id of a form's control for a field path. */
export function controlId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/\W/g, '-')}`;
}

/** Moves the focus to a control after the DOM has caught up; false when there is no such control. */
export async function focusControl(id: string, select = false): Promise<boolean> {
  await nextTick();
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  if (select && element instanceof HTMLInputElement) element.select();
  return true;
}

/**
 * One form's state. `submit` validates `values` with `schema`, calls `save` with the parsed data and
 * returns its result, or undefined when validation or the server said no (the messages are then in
 * `errors` and the focus is on the first field concerned).
 */
export function useEntryForm(
  prefix: string,
  labels: FieldLabels = {},
  /** the control of a field whose id does not follow `<prefix>-<field>` (e.g. rows keyed by their record) */
  controlOf: (field: string) => string | null = () => null,
) {
  /** field path → plain sentence; FORM_ERROR ('') holds a message that belongs to no field */
  const errors = ref<FieldErrors>({});
  const saving = ref(false);

  async function focusFirstError(): Promise<void> {
    for (const field of Object.keys(errors.value)) {
      if (field !== FORM_ERROR && (await focusControl(controlOf(field) ?? controlId(prefix, field)))) return;
    }
  }

  async function submit<S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    save: (data: z.output<S>) => Promise<R>,
  ): Promise<R | undefined> {
    if (saving.value) return undefined;
    const checked = validateForm(schema, values, labels);
    if (!checked.ok) {
      errors.value = checked.errors;
      await focusFirstError();
      return undefined;
    }
    errors.value = {};
    saving.value = true;
    try {
      return await save(checked.data);
    } catch (error) {
      errors.value = serverErrors(error, labels);
      await focusFirstError();
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  /** The message for a field, or null (for FormField's `error`). */
  function errorOf(field: string): string | null {
    return errors.value[field] ?? null;
  }

  function clear(): void {
    errors.value = {};
  }

  return {
    errors,
    saving,
    submit,
    errorOf,
    clear,
    /** the message that belongs to no field */
    formError: () => errors.value[FORM_ERROR] ?? null,
    id: (field: string) => controlId(prefix, field),
    focus: (field: string, select = false) => focusControl(controlId(prefix, field), select),
  };
}
