import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatOffset, zoneOffsetMinutes } from '../../src-main/shared/time-zones';
import { searchZones, zoneOptions } from '../lib/zone-search';

type Props = {
  label: string;
  value: string;
  /** The instant offsets are shown for (a meeting's start), so DST is right for that date. */
  at: number;
  onChange: (zone: string) => void;
  disabled?: boolean;
  testId: string;
  /** Id of an element describing an error for this field. */
  errorId?: string;
  compact?: boolean;
};

/**
 * A searchable zone combobox (ARIA 1.2 combobox + listbox): type a city, a country, a zone id, a
 * name or abbreviation ("Eastern Time", "IST") or an offset;
 * arrows, Home/End, Enter and Escape work as in any native list.
 */
export function TimeZonePicker(props: Props) {
  const { label, value, at, onChange, disabled, testId, errorId, compact } = props;
  const baseId = useId();
  const listId = `${baseId}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const options = useMemo(() => (open ? zoneOptions(at) : []), [open, at]);
  const matches = useMemo(() => searchZones(options, query), [options, query]);
  const offsetLabel = `UTC${formatOffset(zoneOffsetMinutes(value, at))}`;
  const activeOption = open ? matches[active] : undefined;

  useEffect(() => {
    if (!open) return;
    const el = listRef.current?.querySelector<HTMLElement>('[data-active="true"]');
    el?.scrollIntoView({ block: 'nearest' });
  }, [open, active, matches]);

  function openList() {
    if (disabled || open) return;
    setQuery('');
    setOpen(true);
    const all = zoneOptions(at);
    setActive(
      Math.max(
        0,
        all.findIndex((o) => o.id === value),
      ),
    );
  }

  function choose(zone: string) {
    onChange(zone);
    setOpen(false);
    setQuery('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const last = matches.length - 1;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.min(last, i + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (open) setActive((i) => Math.max(0, i - 1));
        break;
      case 'Home':
        if (open) {
          e.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (open) {
          e.preventDefault();
          setActive(Math.max(0, last));
        }
        break;
      case 'Enter':
        if (open) {
          e.preventDefault();
          if (activeOption) choose(activeOption.id);
        }
        break;
      case 'Escape':
        if (open) {
          // Close only the list, not the dialog around it.
          e.preventDefault();
          e.stopPropagation();
          e.nativeEvent.stopImmediatePropagation();
          setOpen(false);
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  }

  return (
    <div className={compact ? 'tz-picker tz-picker--compact' : 'tz-picker'} data-testid={testId}>
      <label htmlFor={`${baseId}-input`} className={compact ? 'tz-picker__label' : 'field-label'}>
        {label}
      </label>
      <div className="tz-picker__control">
        <input
          ref={inputRef}
          id={`${baseId}-input`}
          className="tz-picker__input"
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `${baseId}-opt-${activeOption.id}` : undefined}
          aria-describedby={[`${baseId}-offset`, errorId].filter(Boolean).join(' ')}
          aria-invalid={errorId ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          placeholder={open ? 'City, country, zone, EST or +05:30' : undefined}
          value={open ? query : value}
          onFocus={openList}
          onClick={openList}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            if (!open) setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <span
          id={`${baseId}-offset`}
          className="tz-picker__offset"
          data-testid={`${testId}-offset`}
        >
          {offsetLabel}
        </span>
      </div>
      {open && (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={`${label} options`}
          className="tz-picker__list"
          data-testid={`${testId}-list`}
        >
          {matches.length === 0 && (
            <li className="tz-picker__empty" role="presentation">
              No zone matches “{query}”
            </li>
          )}
          {matches.map((o, i) => (
            <li
              key={o.id}
              id={`${baseId}-opt-${o.id}`}
              role="option"
              aria-selected={o.id === value}
              data-active={i === active}
              data-zone={o.id}
              className="tz-picker__option"
              // mousedown, not click: the input keeps focus, so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o.id);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="tz-picker__city">
                {o.city}
                {o.country && <span className="tz-picker__country"> · {o.country}</span>}
              </span>
              <span className="tz-picker__id">{o.id}</span>
              <span className="tz-picker__option-offset">UTC{o.offsetLabel}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
