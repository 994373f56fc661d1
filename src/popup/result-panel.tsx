import { useState } from 'preact/hooks';
import type { InviteResult } from '../core/invitation';
import { t } from '../shared/i18n';

/** A mailto: carrying the redeem link in a short template, for when Microsoft's mail is off. */
export function composeMailto(result: InviteResult): string {
  const subject = t('composeSubject');
  const body = t('composeBody', [result.displayName || result.email, result.redeemUrl ?? '']);
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${encodeURIComponent(result.email)}?${query}`;
}

export function ResultPanel({ result, onAnother }: { result: InviteResult; onAnother: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(result.redeemUrl ?? '');
    setCopied(true);
  };
  return (
    <section class="box success-box" role="status" data-testid="result">
      <p>
        <strong>{t(result.sentMail ? 'invitedWithMail' : 'invitedNoMail', [result.email])}</strong>
      </p>
      <p class="small">
        {t('newUserId')} <code data-testid="user-id">{result.userId}</code>
      </p>
      {result.redeemUrl && (
        <div class="field">
          <label for="redeem">{t('redeemLink')}</label>
          <input
            id="redeem"
            readOnly
            value={result.redeemUrl}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="redeem-url"
          />
          <div class="row">
            <button type="button" onClick={copy} data-testid="copy-link">
              {copied ? t('copied') : t('copyLink')}
            </button>
            <a class="button" href={composeMailto(result)} target="_blank" rel="noopener" data-testid="compose">
              {t('composeEmail')}
            </a>
          </div>
        </div>
      )}
      <button type="button" class="link" onClick={onAnother} data-testid="invite-another">
        {t('inviteAnother')}
      </button>
    </section>
  );
}
