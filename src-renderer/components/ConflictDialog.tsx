import { useId } from 'react';
import type { ConflictDto } from '../../src-main/shared/contract';
import { FIELD_LABELS, formatConflictValue, type FormatContext } from '../lib/conflict-format';
import { formatDateTime } from '../lib/zoned-time';
import { useAppStore } from '../store/AppStoreProvider';
import type { ConflictSide, ConflictView } from '../store/conflict-slice';
import { Dialog } from './Dialog';

const SIDES: readonly { side: ConflictSide; heading: string }[] = [
  { side: 'mine', heading: 'Yours' },
  { side: 'theirs', heading: 'Server' },
];

type ConflictTableProps = { view: ConflictView; conflict: ConflictDto; ctx: FormatContext };

/** Both sides changed the same fields: one row per field, a side chosen on each. */
function ChangedTable({ view, conflict, ctx }: ConflictTableProps) {
  const baseId = useId();
  const choose = useAppStore((s) => s.chooseConflictSide);
  return (
    <table className="conflict-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          {SIDES.map((s) => (
            <th key={s.side} scope="col">
              {s.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {conflict.fields.map((field) => {
          const label = FIELD_LABELS[field];
          return (
            <tr key={field} data-testid={`conflict-row-${field}`}>
              <th scope="row">{label}</th>
              <td className="conflict-table__base">
                {formatConflictValue(field, conflict.base, ctx)}
              </td>
              {SIDES.map(({ side, heading }) => {
                const text = formatConflictValue(
                  field,
                  side === 'mine' ? conflict.mine : conflict.theirs,
                  ctx,
                );
                const checked = view.choices[field] === side;
                return (
                  <td key={side} className="conflict-table__choice" data-chosen={checked}>
                    <label className="conflict-table__option">
                      <input
                        type="radio"
                        name={`${baseId}-${field}`}
                        data-testid={`conflict-${field}-${side}`}
                        checked={checked}
                        aria-label={`${label}: ${heading.toLowerCase()}, ${text}`}
                        onChange={() => choose(field, side)}
                      />
                      <span>{text}</span>
                    </label>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Settles a meeting that changed here and on the server (or was deleted there while edited here).
 * Opened over the editor or from the toolbar; the store applies what the engine answers.
 */
export function ConflictDialog() {
  const baseId = useId();
  const view = useAppStore((s) => s.conflictView);
  const displayZone = useAppStore((s) => s.displayZone);
  const selfId = useAppStore((s) => s.profile?.userId);
  const close = useAppStore((s) => s.closeConflict);
  const resolve = useAppStore((s) => s.resolveConflict);
  if (!view) return null;

  const { conflict, resolving, error } = view;
  const ctx = { zone: displayZone, selfId };
  const name = conflict?.mine.name ?? '';
  const button = (
    testId: string,
    text: string,
    how: 'mine' | 'theirs' | 'choices',
    primary = false,
  ) => (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      data-testid={testId}
      disabled={resolving || !conflict}
      onClick={() => void resolve(how)}
    >
      {text}
    </button>
  );

  return (
    <Dialog
      labelledBy={`${baseId}-title`}
      onClose={close}
      className="conflict"
      testId="conflict-dialog"
    >
      <header className="dialog__header">
        <h2 id={`${baseId}-title`}>Resolve a conflict</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      {!conflict ? (
        <p className="conflict__intro" role="status">
          Loading both versions…
        </p>
      ) : conflict.kind === 'deleted_remotely' ? (
        <p className="conflict__intro" data-testid="conflict-deleted">
          <strong>“{name}”</strong> ({formatDateTime(conflict.mine.start, displayZone)}) was deleted
          on the server while you changed it here. Re-create it with your changes, or discard your
          copy?
        </p>
      ) : (
        <>
          <p className="conflict__intro">
            <strong>“{name}”</strong> was changed here and on the server. Choose which version of
            each field to keep; everything else was merged already.
          </p>
          <div className="conflict__scroll">
            <ChangedTable view={view} conflict={conflict} ctx={ctx} />
          </div>
        </>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="conflict-error">
          {error}
        </p>
      )}
      <footer className="dialog__footer dialog__footer--wrap">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <span className="spacer" />
        {conflict?.kind === 'deleted_remotely' ? (
          <>
            {button('conflict-discard', 'Discard my copy', 'theirs')}
            {button('conflict-recreate', 'Re-create it', 'mine', true)}
          </>
        ) : (
          <>
            {button('conflict-take-theirs', 'Take theirs', 'theirs')}
            {button('conflict-keep-mine', 'Keep mine', 'mine')}
            {button('conflict-apply', 'Apply choices', 'choices', true)}
          </>
        )}
      </footer>
    </Dialog>
  );
}
