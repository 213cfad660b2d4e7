import { useRef, useState } from 'react';
import { addDays } from '../../lib/jump-date';
import { formatDateText, parseDateText } from '../../lib/wall-text';
import { MiniMonth } from '../goto/MiniMonth';
import { TypedInput } from './TypedInput';

type Props = {
  value: string;
  label: string;
  testId: string;
  /** Today in the calendar's zone: where words like "tomorrow" count from, marked in the month. */
  today: string;
  firstDay: number;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (date: string) => void;
};

const isDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date);

/**
 * A day typed (`Mar 16`, `tomorrow`, `3/16/2027`), stepped a day at a time with the arrows, or
 * picked from a small month: Alt+↓ or the button beside the box. The button is not a tab stop of
 * its own (the keyboard has Alt+↓), so each date costs one Tab.
 */
export function DateField(props: Props) {
  const { value, today, onChange } = props;
  const [picking, setPicking] = useState<'mouse' | 'keyboard' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const close = () => {
    setPicking(null);
    input.current?.focus();
  };
  return (
    <span className="date-field">
      <TypedInput
        inputRef={input}
        value={value}
        display={formatDateText}
        parse={(text) => parseDateText(text, today)}
        step={(v, direction) => (isDate(v) ? addDays(v, direction) : null)}
        onChange={onChange}
        label={props.label}
        testId={props.testId}
        invalid={props.invalid}
        describedBy={props.describedBy}
        placeholder="Mar 16, tomorrow…"
        onOtherKey={(e) => {
          if (e.altKey && e.key === 'ArrowDown') {
            e.preventDefault();
            setPicking('keyboard');
          }
        }}
      />
      <button
        type="button"
        className="date-field__open"
        tabIndex={-1}
        aria-label={`Choose ${props.label.toLowerCase()} from a month (Alt+Down)`}
        aria-expanded={picking !== null}
        data-testid={`${props.testId}-pick`}
        onClick={() => setPicking(picking ? null : 'mouse')}
      >
        ▾
      </button>
      {picking && (
        <div
          className="date-field__popover"
          role="dialog"
          aria-label={props.label}
          onKeyDown={(e) => {
            // Escape closes the month, not the editor around it.
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <MiniMonth
            today={today}
            selected={isDate(value) ? value : undefined}
            firstDay={props.firstDay}
            focusOnOpen={picking === 'keyboard'}
            onPick={(date) => {
              onChange(date);
              close();
            }}
          />
        </div>
      )}
    </span>
  );
}
