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

/** One choice of a SelectField. */
export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
}
