import { useId } from 'react';
import { Dialog } from '../Dialog';

type Props = { onKeepEditing: () => void; onDiscard: () => void };

/**
 * Asked when Esc, Cancel or × would throw away a changed meeting. "Keep editing" is the default
 * (focused, and what Esc means here): losing typed work should take a deliberate choice.
 */
export function DiscardConfirm({ onKeepEditing, onDiscard }: Props) {
  const id = useId();
  return (
    <Dialog
      labelledBy={`${id}-title`}
      onClose={onKeepEditing}
      className="confirm"
      testId="discard-confirm"
    >
      <div role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h2 id={`${id}-title`} className="confirm__title">
          Discard changes?
        </h2>
        <p id={`${id}-text`} className="confirm__text">
          What you changed in this meeting has not been saved.
        </p>
        <div className="dialog__footer">
          <span className="spacer" />
          <button type="button" className="button" data-autofocus onClick={onKeepEditing}>
            Keep editing
          </button>
          <button type="button" className="button button--danger" onClick={onDiscard}>
            Discard
          </button>
        </div>
      </div>
    </Dialog>
  );
}
