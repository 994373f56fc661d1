// Labelled form controls with their inline error, wired for screen readers.
import type { ComponentChildren } from 'preact';
import type { UserError } from '../core/graph-errors';
import type { Problem } from '../core/validate';
import { t } from '../shared/i18n';
import { ConsentActions } from './consent-actions';

interface FieldProps {
  id: string;
  label: string;
  problem?: Problem | null;
  hint?: string;
  children: ComponentChildren;
}

export function Field({ id, label, problem, hint, children }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && !problem && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p class="error" id={`${id}-error`} role="alert">
          {t(problem.key, problem.subs)}
        </p>
      )}
    </div>
  );
}

/** Props that tie an input to its Field's hint or error. */
export function describedBy(id: string, problem?: Problem | null, hint?: string) {
  return {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

interface CheckFieldProps {
  id?: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** A sentence under the box, tied to it for screen readers. */
  hint?: string;
}

/** A labelled checkbox, with its hint if any. */
export function CheckField({ id, label, checked, onChange, hint }: CheckFieldProps) {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          id={id}
          aria-describedby={hint && id ? `${id}-hint` : undefined}
          checked={checked}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      {hint && (
        <p class="hint" id={id && `${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
}

interface ErrorBoxProps {
  error: Problem & Pick<UserError, 'consent' | 'link'>;
  /** A missing permission was granted: what failed can go again. */
  onGranted?: () => void;
  children?: ComponentChildren;
}

/** A problem in words, with what the user can do about it (ask for a permission, copy a link). */
export function ErrorBox({ error, onGranted, children }: ErrorBoxProps) {
  return (
    <div class="box error-box" role="alert">
      <p>{t(error.key, error.subs)}</p>
      {(error.consent || error.link) && <ConsentActions error={error} onGranted={onGranted} />}
      {children}
    </div>
  );
}
