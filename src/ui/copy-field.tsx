// A secret or long link shown read-only, selected on focus, with a Copy button (redeem links, the
// administrator's consent link).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';

interface Props {
  id: string;
  label: string;
  value: string;
  testId: string;
  /** More actions beside Copy. */
  children?: ComponentChildren;
}

export function CopyField({ id, label, value, testId, children }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
      <div class="row">
        <button type="button" onClick={copy} data-testid={`copy-${testId}`}>
          {copied ? t('copied') : t('copyLink')}
        </button>
        {children}
      </div>
    </div>
  );
}
