import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api-error';
import type { Person, Team } from '@shared/domain';
import { personSaveInput } from '@shared/methods/people-methods';
import { useEntryForm } from '../../../../src/views/admin/entry-form';
import { useEntityEditor, useRecordEditor, useRowActions } from '../../../../src/views/admin/use-entity-editor';

afterEach(() => {
  document.body.innerHTML = '';
});

const ada: Person = { id: 'p-ada', name: 'Ada', team: 'sales' };
const bo: Person = { id: 'p-bo', name: 'Bo', team: 'marketing' };

/** A form element in the page whose first control is marked data-autofocus, as the sections mark it. */
function formInPage(): HTMLFormElement {
  const form = document.createElement('form');
  form.innerHTML = '<input id="person-name" data-autofocus /><select id="person-team"></select>';
  document.body.append(form);
  return form;
}

/** A deferred promise, to hold a call open while the test looks at the state in between. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function peopleEditor(calls: {
  save?: (input: { id?: string | null; name: string; team: Team }) => Promise<Person>;
  remove?: (person: Person) => Promise<unknown>;
}) {
  const people: Person[] = [bo, ada];
  const editor = useEntityEditor<Person, { name: string; team: Team | '' }>({
    prefix: 'person',
    labels: { name: 'Name', team: 'Team' },
    list: () => people,
    order: (a, b) => a.name.localeCompare(b.name),
    blank: (previous) => ({ name: '', team: previous?.team ?? '' }),
    toDraft: (person) => ({ name: person.name, team: person.team }),
    async save(draft, target, { check }) {
      const input = await check(personSaveInput, {
        ...(target ? { id: target.id } : {}),
        name: draft.name,
        team: draft.team || undefined,
      });
      if (!input) return undefined;
      const person = await (calls.save ?? (async (data) => ({ id: 'p-new', ...data })))(input);
      return target ? `Saved ${person.name}.` : `Added ${person.name}.`;
    },
    remove: calls.remove,
    deleted: (person) => `Deleted ${person.name}.`,
    deleteFailed: 'The person could not be deleted.',
    cancelled: (person) => `Edit of ${person.name} cancelled.`,
  });
  editor.formEl.value = formInPage();
  return editor;
}

describe('useEntityEditor', () => {
  it('lists the records in the order given', () => {
    const editor = peopleEditor({});
    expect(editor.sorted.value.map((person) => person.name)).toEqual(['Ada', 'Bo']);
  });

  it('shows what the schema refuses next to its field, saves nothing and keeps the draft', async () => {
    const save = vi.fn();
    const editor = peopleEditor({ save });
    editor.draft.name = '   ';
    await editor.submit();
    expect(save).not.toHaveBeenCalled();
    expect(Object.keys(editor.errors.value)).toEqual(['name', 'team']);
    expect(editor.errors.value.name).toMatch(/^Name /);
    expect(editor.status.value).toBe('');
    expect(editor.saving.value).toBe(false);
    expect(editor.draft.name).toBe('   ');
  });

  it('saves once on a double submit, says so and starts the next record with the team kept', async () => {
    const held = deferred<Person>();
    const save = vi.fn(() => held.promise);
    const editor = peopleEditor({ save });
    Object.assign(editor.draft, { name: 'Cy', team: 'marketing' });

    const first = editor.submit();
    await flushPromises();
    expect(editor.saving.value).toBe(true);
    await editor.submit();
    held.resolve({ id: 'p-cy', name: 'Cy', team: 'marketing' });
    await first;

    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ name: 'Cy', team: 'marketing' });
    expect(editor.status.value).toBe('Added Cy.');
    expect({ ...editor.draft }).toEqual({ name: '', team: 'marketing' });
    expect(editor.saving.value).toBe(false);
    expect(document.activeElement?.id).toBe('person-name');
  });

  it("puts the server's refusal next to the field it names and keeps the draft", async () => {
    const editor = peopleEditor({
      save: () => Promise.reject(new ApiError('invalid_input', 'name is taken', 'name')),
    });
    Object.assign(editor.draft, { name: 'Ada', team: 'sales' });
    await editor.submit();
    expect(editor.errors.value).toEqual({ name: 'Name is taken.' });
    expect(editor.status.value).toBe('');
    expect(editor.draft.name).toBe('Ada');
    expect(editor.saving.value).toBe(false);
  });

  it('edits a record with its id, and Cancel says so and empties the form', async () => {
    const save = vi.fn(async (input: { id?: string | null; name: string; team: Team }) => ({
      ...ada,
      ...input,
      id: ada.id,
    }));
    const editor = peopleEditor({ save });
    editor.startEdit(ada);
    expect(editor.isEditing(ada)).toBe(true);
    expect({ ...editor.draft }).toEqual({ name: 'Ada', team: 'sales' });

    editor.draft.name = 'Ada L.';
    await editor.submit();
    expect(save).toHaveBeenCalledWith({ id: 'p-ada', name: 'Ada L.', team: 'sales' });
    expect(editor.status.value).toBe('Saved Ada L..');
    expect(editor.editing.value).toBeNull();

    editor.startEdit(bo);
    editor.cancelEdit();
    expect(editor.status.value).toBe('Edit of Bo cancelled.');
    expect(editor.editing.value).toBeNull();
    expect(editor.draft.name).toBe('');
  });

  it('deletes a row, leaving an edit of it, and keeps a failed delete on its row', async () => {
    const held = deferred<void>();
    const remove = vi.fn((person: Person) => (person.id === ada.id ? held.promise : Promise.reject('offline')));
    const editor = peopleEditor({ remove });
    editor.startEdit(ada);

    const removing = editor.remove(ada);
    expect(editor.busy[ada.id]).toBe(true);
    await editor.remove(ada);
    held.resolve();
    await removing;
    expect(remove).toHaveBeenCalledTimes(1);
    expect(editor.busy[ada.id]).toBeUndefined();
    expect(editor.listStatus.value).toBe('Deleted Ada.');
    expect(editor.editing.value).toBeNull();

    await editor.remove(bo);
    expect(editor.rowError[bo.id]).toBe('The person could not be deleted.');
    expect(editor.listStatus.value).toBe('Deleted Ada.');
  });
});

describe('useRowActions', () => {
  it('runs one action per row at a time and keeps the error of the one that failed', async () => {
    const rows = useRowActions();
    const held = deferred<void>();
    const first = rows.run('a', () => held.promise, 'failed');
    expect(await rows.run('a', async () => undefined, 'failed')).toBe(false);
    expect(await rows.run('b', () => Promise.reject(new Error('No such deal.')), 'failed')).toBe(false);
    held.resolve();
    expect(await first).toBe(true);
    expect({ ...rows.rowError }).toEqual({ b: 'No such deal.' });
    expect({ ...rows.busy }).toEqual({});
  });
});

describe('useRecordEditor', () => {
  interface Meeting {
    id: string;
    title: string;
  }
  function meetingEditor(remove: (meeting: Meeting) => Promise<unknown>) {
    document.body.innerHTML =
      '<input id="meeting-title" /><button id="meeting-edit-m1">Edit</button><button id="other">x</button>';
    const said: [string, boolean | undefined][] = [];
    const entry = useEntryForm('meeting', { title: 'Title' });
    const editor = useRecordEditor<Meeting, { id: string | null; title: string }>({
      entry,
      blank: () => ({ id: null, title: '' }),
      toDraft: (meeting) => ({ ...meeting }),
      first: 'title',
      editButton: (id) => `meeting-edit-${id}`,
      say: (message, isError) => said.push([message, isError]),
      remove,
      deleted: (meeting) => `Deleted “${meeting.title}”.`,
      deleteFailed: 'The meeting could not be deleted.',
    });
    return { editor, said };
  }
  const standup = { id: 'm1', title: 'Stand-up' };

  it('edits a record, and Cancel gives the focus back to its Edit button', async () => {
    const { editor } = meetingEditor(async () => undefined);
    await editor.edit(standup);
    expect({ ...editor.draft }).toEqual(standup);
    expect(editor.isEditing(standup)).toBe(true);
    expect(document.activeElement?.id).toBe('meeting-title');
    await editor.cancel();
    expect({ ...editor.draft }).toEqual({ id: null, title: '' });
    expect(document.activeElement?.id).toBe('meeting-edit-m1');
  });

  it('says a save and a delete, and a refused delete as an error', async () => {
    const remove = vi
      .fn<(meeting: Meeting) => Promise<unknown>>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new ApiError('not_found', 'No such meeting.'));
    const { editor, said } = meetingEditor(remove);
    await editor.edit(standup);
    await editor.saved('Saved “Stand-up”.');
    expect(editor.draft.id).toBeNull();

    await editor.edit(standup);
    await editor.remove(standup);
    expect(editor.draft.id).toBeNull();
    await editor.remove(standup);
    expect(said).toEqual([
      ['Saved “Stand-up”.', undefined],
      ['Deleted “Stand-up”.', undefined],
      ['No such meeting.', true],
    ]);
  });
});
