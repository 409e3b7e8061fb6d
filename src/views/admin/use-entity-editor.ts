/**
 * The shape most admin sections share: a list of records, one of them picked for editing, a draft the form
 * edits, the errors per field, save, delete (the undo bar and Ctrl+Z bring a deleted record back), and the
 * lines that say what the last action did. A section gives the words and the calls; the bookkeeping (a
 * double click saves once, the focus goes back to the first field, a failed delete shows on its row) lives
 * here once.
 */
import { computed, nextTick, reactive, ref, type Ref } from 'vue';
import { serverErrors, type FieldLabels } from '../../lib/form-validation';
import { focusControl, useEntryForm } from './entry-form';

/** The form tools a section's `save` checks its draft with (see {@link useEntryForm}). */
export type EntryForm = ReturnType<typeof useEntryForm>;

/** What the last action of a section did, with whether it went wrong (for StatusLine). */
export function useStatus() {
  const status = ref('');
  const statusIsError = ref(false);
  function say(message: string, isError = false): void {
    status.value = message;
    statusIsError.value = isError;
  }
  return { status, statusIsError, say };
}

/**
 * Runs one action on a list row: at most one at a time per row, and a failure is kept as that row's error
 * (`rowError[id]`) in plain words. Returns whether the action went through.
 */
export function useRowActions() {
  /** rows whose action is on its way, so that a double click acts once */
  const busy = reactive<Record<string, boolean>>({});
  const rowError = reactive<Record<string, string>>({});

  async function run(id: string, action: () => Promise<unknown>, failed: string): Promise<boolean> {
    if (busy[id]) return false;
    busy[id] = true;
    delete rowError[id];
    try {
      await action();
      return true;
    } catch (error) {
      rowError[id] = error instanceof Error ? error.message : failed;
      return false;
    } finally {
      delete busy[id];
    }
  }
  return { busy, rowError, run };
}

/** Options of {@link useEntityEditor}. */
export interface EntityEditorOptions<T extends { id: string }, D extends object> {
  /** names the form's controls (`<prefix>-<field>`) */
  prefix: string;
  /** the fields' names in messages, by the contract's field path */
  labels?: FieldLabels;
  /** the records the section lists */
  list?: () => readonly T[];
  /** the order of the list; the store's order when not given */
  order?: (a: T, b: T) => number;
  /** the draft of a new record; `previous` is the draft being left, for choices worth keeping (a team) */
  blank: (previous?: D) => D;
  /** the draft that edits a record */
  toDraft: (record: T) => D;
  /**
   * Checks and saves the draft (`form.check` shows what is wrong) and says what happened, e.g. `Added “Acme”.`;
   * undefined when it did not save. A server error it throws lands next to its field.
   */
  save: (draft: D, editing: T | null, form: EntryForm) => Promise<string | undefined>;
  /** deletes a record; the section's undo brings it back */
  remove?: (record: T) => Promise<unknown>;
  /** the status after a delete, e.g. `Deleted “Acme”. Undo brings it back (Ctrl+Z).` */
  deleted?: (record: T) => string;
  /** a failed delete's row error when the error has no message of its own */
  deleteFailed?: string;
  /** the status after Esc or Cancel */
  cancelled?: (record: T) => string;
}

/**
 * One section's list and form. The form element (`formEl`) marks its first control `data-autofocus`; that
 * control has the focus after a save, a cancel and when an edit starts.
 */
export function useEntityEditor<T extends { id: string }, D extends object>(options: EntityEditorOptions<T, D>) {
  const formEl = ref<HTMLFormElement | null>(null);
  const form = useEntryForm(options.prefix, options.labels ?? {}, { root: formEl });
  const draft = reactive(options.blank()) as D;
  const editing = ref(null) as Ref<T | null>;
  /** what the last save or cancel did */
  const status = ref('');
  /** what the last action in the list did (a move, a delete) */
  const listStatus = ref('');
  const saving = ref(false);
  const rows = useRowActions();

  const sorted = computed(() => {
    const list = [...(options.list?.() ?? [])];
    return options.order ? list.sort(options.order) : list;
  });

  function focusFirst(): void {
    formEl.value?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }

  /** Back to a new record's blank draft. */
  function reset(): void {
    editing.value = null;
    Object.assign(draft, options.blank(draft));
    form.clear();
  }

  function startEdit(record: T): void {
    editing.value = record;
    form.clear();
    Object.assign(draft, options.toDraft(record));
    void nextTick(focusFirst);
  }

  function cancelEdit(): void {
    const record = editing.value;
    if (!record) return;
    status.value = options.cancelled?.(record) ?? 'Edit cancelled.';
    reset();
    void nextTick(focusFirst);
  }

  async function submit(): Promise<void> {
    if (saving.value) return;
    status.value = '';
    saving.value = true;
    try {
      const said = await options.save(draft, editing.value, form);
      if (said === undefined) return;
      status.value = said;
      reset();
      await nextTick();
      focusFirst();
    } catch (error) {
      await form.fromServer(error);
    } finally {
      saving.value = false;
    }
  }

  async function remove(record: T): Promise<void> {
    const { remove: removeRecord } = options;
    if (!removeRecord) return;
    const done = await rows.run(
      record.id,
      () => removeRecord(record),
      options.deleteFailed ?? 'The record could not be deleted.',
    );
    if (!done) return;
    if (editing.value?.id === record.id) reset();
    listStatus.value = options.deleted?.(record) ?? 'Deleted. Undo brings it back (Ctrl+Z).';
  }

  return {
    formEl,
    draft,
    editing,
    sorted,
    status,
    listStatus,
    saving,
    busy: rows.busy,
    rowError: rows.rowError,
    /** runs another action on a row (a move) with the same busy flag and row error as delete */
    runOnRow: rows.run,
    errors: form.errors,
    formError: form.formError,
    show: form.show,
    form,
    focusFirst,
    reset,
    startEdit,
    cancelEdit,
    submit,
    remove,
    isEditing: (record: T) => editing.value?.id === record.id,
  };
}

/** Options of {@link useRecordEditor}. */
export interface RecordEditorOptions<T extends { id: string }, D extends { id: string | null }> {
  /** the form's errors and control ids */
  entry: EntryForm;
  /** the draft of a new record; `previous` is the draft being left, for choices worth keeping */
  blank: (previous?: D) => D;
  /** the draft that edits a record (its `id` set) */
  toDraft: (record: T) => D;
  /** the field whose control has the focus after a save, a delete and when an edit starts */
  first: string;
  /** the id of a row's Edit button, where Cancel gives the focus back */
  editButton: (id: string) => string;
  /** the section's status line */
  say: (message: string, isError?: boolean) => void;
  remove: (record: T) => Promise<unknown>;
  /** the status after a delete, e.g. `Deleted “Stand-up”. Undo brings it back.` */
  deleted: (record: T) => string;
  /** a failed delete's message when the server's error names no field */
  deleteFailed: string;
}

/**
 * The form of a section whose records sit in a table above it (meetings, a retrospective's action items):
 * Edit fills the form, Cancel empties it and gives the focus back to the row, a save or a delete is said on
 * the section's status line. The section saves with `entry.submit` and then calls `saved`.
 */
export function useRecordEditor<T extends { id: string }, D extends { id: string | null }>(
  options: RecordEditorOptions<T, D>,
) {
  const { entry, say } = options;
  const draft = reactive(options.blank()) as D;
  const focusFirst = () => entry.focus(options.first);

  async function edit(record: T): Promise<void> {
    entry.clear();
    Object.assign(draft, options.toDraft(record));
    await focusFirst();
  }

  async function cancel(): Promise<void> {
    const editedId = draft.id;
    Object.assign(draft, options.blank(draft));
    entry.clear();
    if (editedId && (await focusControl(options.editButton(editedId)))) return;
    await focusFirst();
  }

  /** After a save: says so, and the form starts the next record. */
  async function saved(message: string): Promise<void> {
    say(message);
    Object.assign(draft, options.blank(draft));
    await focusFirst();
  }

  async function remove(record: T): Promise<void> {
    try {
      await options.remove(record);
      say(options.deleted(record));
      if (draft.id === record.id) Object.assign(draft, options.blank(draft));
    } catch (error) {
      say(Object.values(serverErrors(error))[0] ?? options.deleteFailed, true);
    }
    await focusFirst();
  }

  return { draft, edit, cancel, saved, remove, isEditing: (record: T) => draft.id === record.id };
}
