import { useState, type KeyboardEvent, type Ref } from 'react';

type Props = {
  /** The field's value: canonical (`14:30`, `2026-11-25`) once understood, else the text typed. */
  value: string;
  /** The value as the field shows it while not being typed into. */
  display: (value: string) => string;
  /** The canonical value for what was typed, or null while it is not (yet) understood. */
  parse: (text: string) => string | null;
  onChange: (value: string) => void;
  /** The value one step up or down (arrow keys), or null where there is nothing to step from. */
  step: (value: string, direction: 1 | -1) => string | null;
  label: string;
  testId: string;
  invalid: boolean;
  describedBy: string | undefined;
  placeholder: string;
  /** Keys the field does not handle itself (Alt+ArrowDown to open a picker). */
  onOtherKey?: (e: KeyboardEvent<HTMLInputElement>) => void;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * A date or time as one text box: one tab stop, typed freely, stepped with the arrow keys. What is
 * typed stays as typed while the box has focus (reformatting under the caret fights the person);
 * each keystroke that makes sense is passed on at once, so the rest of the editor follows live.
 * `data-value` carries the canonical value for tests and for anyone reading the DOM.
 */
export function TypedInput(props: Props) {
  const { value, display, parse, onChange, step, onOtherKey, inputRef } = props;
  const { label, testId, invalid, describedBy, placeholder } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const direction = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' && !e.altKey ? -1 : 0;
    if (direction !== 0) {
      const next = step(value, direction);
      if (next === null) return;
      e.preventDefault();
      setDraft(null);
      onChange(next);
      return;
    }
    onOtherKey?.(e);
  };
  return (
    <input
      ref={inputRef}
      type="text"
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      data-testid={testId}
      data-value={value}
      value={draft ?? display(value)}
      placeholder={placeholder}
      required
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        onChange(parse(text) ?? text);
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={onKeyDown}
    />
  );
}
