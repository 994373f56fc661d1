import type { InviteResult } from '../core/invitation';
import { t } from '../shared/i18n';
import { CopyField } from '../ui/copy-field';

/** A mailto: carrying the redeem link in a short template, for when Microsoft's mail is off. */
export function composeMailto(result: InviteResult): string {
  const subject = t('composeSubject');
  const body = t('composeBody', [result.displayName || result.email, result.redeemUrl ?? '']);
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${encodeURIComponent(result.email)}?${query}`;
}

interface Props {
  result: InviteResult;
  /** What did not go as asked, although the guest is invited. */
  notes: string[];
  onAnother: () => void;
}

export function ResultPanel({ result, notes, onAnother }: Props) {
  return (
    <section class="box success-box" role="status" data-testid="result">
      <p>
        <strong>{t(result.sentMail ? 'invitedWithMail' : 'invitedNoMail', [result.email])}</strong>
      </p>
      {notes.map((note) => (
        <p class="error" key={note} data-testid="result-note">
          {note}
        </p>
      ))}
      <p class="small">
        {t('newUserId')} <code data-testid="user-id">{result.userId}</code>
      </p>
      {result.redeemUrl && (
        <CopyField id="redeem" label={t('redeemLink')} value={result.redeemUrl} testId="redeem-url">
          <a class="button" href={composeMailto(result)} target="_blank" rel="noopener" data-testid="compose">
            {t('composeEmail')}
          </a>
        </CopyField>
      )}
      <button type="button" class="link" onClick={onAnother} data-testid="invite-another">
        {t('inviteAnother')}
      </button>
    </section>
  );
}
