import { useEffect, useRef, useState } from 'react';

/**
 * A button for something that cannot be undone (deleting a saved workload, removing a connection):
 * the first press asks, in place, for a second one on "Confirm …"; Cancel or Escape steps back.
 */
export function ConfirmButton({
  children,
  confirmLabel,
  question,
  onConfirm,
  disabled,
}: {
  children: React.ReactNode;
  /** The second button's text, e.g. "Confirm delete". */
  confirmLabel: string;
  /** What is about to happen, said next to it, e.g. "Delete “Checkout”?". */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} disabled={disabled}>
        {children}
      </button>
    );
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the question steps back.
    <span
      className="confirm-inline"
      onKeyDown={(e) => {
        if (e.key === 'Escape') setAsking(false);
      }}
    >
      <span role="status">{question}</span>{' '}
      <button
        ref={confirm}
        type="button"
        className="danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
