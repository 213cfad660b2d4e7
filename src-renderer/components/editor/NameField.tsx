import { MAX_NAME_LENGTH } from '../../lib/editor-form';
import { errorIdFor, FieldError } from './FieldError';

type Props = {
  baseId: string;
  value: string;
  errors: readonly string[] | undefined;
  readOnly: boolean;
  onChange: (name: string) => void;
};

/** Counted from this share of the limit on, so the limit is seen before it is reached. */
const COUNT_FROM = 0.8;

/**
 * The meeting's name. Nothing is cut (no maxLength: a paste would lose its end unseen); past the
 * engine's limit the count says by how much, and Save refuses with the reason.
 */
export function NameField({ baseId, value, errors, readOnly, onChange }: Props) {
  const errorId = errorIdFor(baseId, 'name', errors);
  const countId = `${baseId}-name-count`;
  const over = value.length > MAX_NAME_LENGTH;
  const counted = value.length >= MAX_NAME_LENGTH * COUNT_FROM;
  return (
    <div className="field">
      <div className="field-label-row">
        <label className="field-label" htmlFor={`${baseId}-name`}>
          Name
        </label>
        {counted && (
          <span
            id={countId}
            className={over ? 'field-count field-count--over' : 'field-count'}
            data-testid="name-count"
            aria-live="polite"
          >
            {value.length}/{MAX_NAME_LENGTH}
          </span>
        )}
      </div>
      <input
        id={`${baseId}-name`}
        data-testid="meeting-name"
        type="text"
        value={value}
        placeholder="e.g. Weekly planning"
        // The dialog exists to type this; focusing it first saves a click.
        data-autofocus={readOnly ? undefined : true}
        aria-invalid={errorId || over ? true : undefined}
        aria-describedby={
          [errorId, counted ? countId : undefined].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={`${baseId}-name-error`} field="name" messages={errors} />
    </div>
  );
}
