/**
 * A form described as data: the fields of a section's draft in order, each with its label and control,
 * rendered by EntryFields. A field whose control is `slot` marks the place of a control the section writes
 * itself (a people picker, a row of toggles): the slot of that name.
 */
import type { MaybeRefOrGetter } from 'vue';
import type { SelectOption } from '../../components/form/form-field-props';
import type { EntryForm } from './use-entity-editor';

/** The control's own attributes (type, inputmode, placeholder, data-testid …), as on the element. */
export type ControlAttrs = Record<string, string | number | boolean | null | undefined>;

interface FieldBase {
  /** the draft's key (a dotted path for a nested one) and the contract's field path */
  field: string;
  label: string;
  optional?: boolean;
  wide?: boolean;
  hint?: string | null;
  attrs?: ControlAttrs;
}

/** One field of a form described as data. */
export type EntryField =
  /** `check`: a checkbox with the label beside it */
  | (FieldBase & { control: 'input' | 'textarea' | 'check' })
  | (FieldBase & {
      control: 'select';
      options: readonly SelectOption[];
      none?: string;
      /** the draft holds a number; the options' values are its digits */
      numeric?: boolean;
    })
  | { control: 'slot'; field: string };

/** A form as PlanningForm shows it: named `<name>-form`, its fields, the draft they edit and its entry form. */
export interface DataForm {
  name: string;
  fields: MaybeRefOrGetter<readonly EntryField[]>;
  /** the section's reactive draft, edited in place */
  draft: object;
  entry: EntryForm;
}

/** A one-line box that is typed into, not filled by the browser. */
export const TEXT = { type: 'text', autocomplete: 'off' } as const;
/** A box for a number with decimals, typed as text so that the form can say what is wrong with it. */
export const DECIMAL = { ...TEXT, inputmode: 'decimal' } as const;
/** A box for a whole number, typed as text. */
export const WHOLE = { ...TEXT, inputmode: 'numeric' } as const;

function parentOf(draft: object, path: string[]): Record<string, unknown> {
  return path
    .slice(0, -1)
    .reduce((node, key) => node[key] as Record<string, unknown>, draft as Record<string, unknown>);
}

/** The draft's value at a field path (`teamNames.sales`). */
export function draftValue<V>(draft: object, field: string): V {
  const path = field.split('.');
  return parentOf(draft, path)[path.at(-1)!] as V;
}

/**
 * Writes a field's value into the draft. The draft is the section's reactive object: the fields edit it in
 * place, as `v-model="draft.name"` in the section did.
 */
export function setDraftValue(draft: object, field: string, value: unknown): void {
  const path = field.split('.');
  parentOf(draft, path)[path.at(-1)!] = value;
}
