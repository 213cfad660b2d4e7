import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  labelledBy: string;
  onClose: () => void;
  className?: string;
  testId: string;
  /** Off for forms: a stray click beside the dialog must not throw away what was typed. */
  closeOnBackdrop?: boolean;
  children: ReactNode;
};

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert and puts it
 * in the top layer; Escape arrives as `cancel`, which is routed to `onClose` so the store decides.
 */
export function Dialog(props: Props) {
  const { labelledBy, onClose, className, testId, closeOnBackdrop, children } = props;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element (the close button); start where the
    // dialog wants instead.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // Give focus back to what opened the dialog (a button, an event on the calendar).
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (the dialog element itself, outside its content) closes it.
        if (closeOnBackdrop && e.target === ref.current) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
