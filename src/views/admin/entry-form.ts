/**
 * The behaviour every admin form shares: validate with the contract's zod schema before calling, show
 * the client's or the server's message next to its field, move the focus to the first field in trouble,
 * and after a save announce it and put the focus back where the next entry starts.
 *
 * A field's control is found by id when the form names its controls `<prefix>-<field path>` (FormField's
 * controlId), else by the error line it points at (`aria-describedby` → `error-<field>`, FormField's
 * default), inside the form's `root` when given.
 */
import { nextTick, ref, type Ref } from 'vue';
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

/** Options of {@link useEntryForm}. */
export interface EntryFormOptions {
  /** the control of a field whose id does not follow `<prefix>-<field>` (e.g. rows keyed by their record) */
  controlOf?: (field: string) => string | null;
  /** the form element, where controls without such an id are found by their error line */
  root?: Ref<HTMLElement | null>;
}

/**
 * One form's state. `submit` validates `values` with `schema`, calls `save` with the parsed data and
 * returns its result, or undefined when validation or the server said no (the messages are then in
 * `errors` and the focus is on the first field concerned). A form that runs its own save uses `check`
 * and `fromServer` for the same two steps.
 */
export function useEntryForm(prefix: string, labels: FieldLabels = {}, options: EntryFormOptions = {}) {
  /** field path → plain sentence; FORM_ERROR ('') holds a message that belongs to no field */
  const errors = ref<FieldErrors>({});
  const saving = ref(false);

  /** The control of a field: by its id, else the one in the form that points at the field's error line. */
  function controlFor(field: string): HTMLElement | null {
    const byId = document.getElementById(options.controlOf?.(field) ?? controlId(prefix, field));
    if (byId) return byId;
    const scope = options.root?.value ?? document;
    for (const control of scope.querySelectorAll<HTMLElement>('[aria-describedby]')) {
      if (control.getAttribute('aria-describedby')?.split(/\s+/).includes(`error-${field}`)) return control;
    }
    return null;
  }

  /** Focuses the control of the first field in trouble (in the order of the errors: the schema's order). */
  async function focusFirstError(): Promise<void> {
    await nextTick();
    for (const field of Object.keys(errors.value)) {
      const control = field === FORM_ERROR ? null : controlFor(field);
      if (control) return control.focus();
    }
  }

  /** Replaces the errors and focuses the first field that has one. */
  async function show(next: FieldErrors): Promise<void> {
    errors.value = next;
    await focusFirstError();
  }

  /** Checks values with a contract schema; shows the errors and returns null when they fail. */
  async function check<S extends z.ZodType>(schema: S, values: unknown): Promise<z.output<S> | null> {
    const checked = validateForm(schema, values, labels);
    if (checked.ok) {
      errors.value = {};
      return checked.data;
    }
    await show(checked.errors);
    return null;
  }

  /** Shows a failed call's error next to its field (or for the whole form). */
  function fromServer(error: unknown): Promise<void> {
    return show(serverErrors(error, labels));
  }

  async function submit<S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    save: (data: z.output<S>) => Promise<R>,
  ): Promise<R | undefined> {
    if (saving.value) return undefined;
    const data = await check(schema, values);
    if (data === null) return undefined;
    saving.value = true;
    try {
      return await save(data);
    } catch (error) {
      await fromServer(error);
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
    check,
    show,
    fromServer,
    errorOf,
    clear,
    /** the message that belongs to no field */
    formError: () => errors.value[FORM_ERROR] ?? null,
    id: (field: string) => controlId(prefix, field),
    focus: (field: string, select = false) => focusControl(controlId(prefix, field), select),
  };
}
