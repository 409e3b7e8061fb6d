/** What a {@link FormField} (and an InputField, which hands them on) is told about its field. */
export interface FormFieldProps {
  /** the contract's field path, e.g. `amountMinor`: names the error line */
  field: string;
  label: string;
  /** the message to show next to the field, in plain words */
  error?: string | null;
  hint?: string | null;
  /** the control's id; generated when not given */
  controlId?: string;
  /** the error line's id, for a page that shows the same field twice; defaults to `error-<field>` */
  errorId?: string;
  /** shows "(optional)" after the label */
  optional?: boolean;
  /** spans the whole row of a form grid */
  wide?: boolean;
}

const FIELD_KEYS = ['field', 'label', 'error', 'hint', 'controlId', 'errorId', 'optional', 'wide'] as const;

/**
 * Only the {@link FormFieldProps} of a field component's props, to hand on to its FormField: the rest
 * (modelValue, a select's choices) would land on the FormField's element as attributes.
 */
export function fieldPropsOf(props: FormFieldProps): FormFieldProps {
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, props[key]])) as unknown as FormFieldProps;
}

/** One choice of a SelectField. */
export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
}

/** The choices of a select that picks one of `people`, in their order. */
export function personOptions(people: readonly { id: string; name: string }[]): SelectOption[] {
  return people.map((person) => ({ value: person.id, label: person.name }));
}

/**
 * One field of a form described as data, for a {@link FieldList}: a labelled input (the default), a select
 * of `options` or a textarea, editing the draft's member `key`.
 */
export interface FieldSpec<K extends string = string> extends Omit<FormFieldProps, 'field' | 'error'> {
  key: K;
  /** the contract's field path its error comes under, when it is not `key` (the draft's `amount` → `amountMinor`) */
  field?: string;
  control?: 'input' | 'select' | 'textarea';
  /** a select's choices */
  options?: readonly SelectOption[];
  /** a select's disabled first choice that asks for one ("Choose…") */
  choose?: string;
  /** a select's empty first choice ("None") */
  none?: string;
  /** words an input suggests as it is typed in (a `<datalist>` with this id) */
  suggestions?: { id: string; words: readonly string[] };
  /** the control's `data-testid` */
  testid?: string;
  /** marks the control `aria-required` */
  required?: boolean;
  /** an input the browser may fill with what it remembers (else `autocomplete="off"`) */
  autofill?: boolean;
  /** the control the form focuses first (`data-autofocus`) */
  autofocus?: boolean;
  /** what else goes on the control: type (an input is a text box unless it says), readonly … */
  attrs?: Readonly<Record<string, unknown>>;
  /** runs after a select's choice changed */
  onChange?: () => void;
}

/** The attributes of a PIN's box: hidden digits, a number pad on a touch screen, 12 digits at most. */
export function pinAttrs(autocomplete: 'current-password' | 'new-password'): Record<string, string> {
  return { type: 'password', inputmode: 'numeric', autocomplete, maxlength: '12' };
}

/** One button of a row of ActionButtons. */
export interface ButtonSpec {
  words: string;
  testid?: string;
  /** `secondary` or `danger`; the main action has no look of its own */
  look?: 'secondary' | 'danger';
  disabled?: boolean;
  /** submits the form it is in, instead of `run` */
  submit?: boolean;
  run?: () => void;
}
