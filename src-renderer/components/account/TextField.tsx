import type { HTMLInputTypeAttribute } from 'react';
import { errorIdFor, FieldError } from '../editor/FieldError';

type Props = {
  baseId: string;
  /** The form's key: names the error (`field-error-<field>`) and the element ids. */
  field: string;
  label: string;
  testId: string;
  value: string;
  errors: readonly string[] | undefined;
  onChange: (value: string) => void;
  type?: HTMLInputTypeAttribute;
  placeholder?: string;
  /** A standing explanation under the input (what is accepted), not an error. */
  hint?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  readOnly?: boolean;
  autoFocus?: boolean;
};

/** A labelled text input with its hint and its errors beside it, as the editor's fields have. */
export function TextField(props: Props) {
  const { baseId, field, label, testId, value, errors, onChange, hint, readOnly } = props;
  const inputId = `${baseId}-${field}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = errorIdFor(baseId, field, errors);
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        data-testid={testId}
        type={props.type ?? 'text'}
        value={value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        spellCheck={false}
        readOnly={readOnly}
        data-autofocus={props.autoFocus ? true : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={`${baseId}-${field}-error`} field={field} messages={errors} />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
