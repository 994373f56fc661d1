// An action's confirmation in place of its button (resend, reset, removing a profile).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import { t } from '../shared/i18n';
import { ErrorBox } from './field';

interface ConfirmProps {
  testId: string;
  /** What will happen, in a sentence. */
  text: string;
  action: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  error?: UserError;
  /** What to choose before confirming. */
  children?: ComponentChildren;
}

/** An action's confirmation, in place of its button: what will happen, then do it or cancel. */
export function Confirm({
  testId,
  text,
  action,
  danger,
  disabled,
  onConfirm,
  onCancel,
  error,
  children,
}: ConfirmProps) {
  const box = useRef<HTMLDivElement>(null);
  // Opened inside a scrolling list (the popup's rows): all of it in view, its buttons too.
  useEffect(() => box.current?.scrollIntoView({ block: 'nearest' }), []);
  return (
    <div class="confirm" data-testid={testId} ref={box}>
      <p>{text}</p>
      {children}
      <div class="row">
        <button type="button" class={danger ? 'danger' : 'primary'} disabled={disabled} onClick={onConfirm}>
          {action}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
