// What a user can do about a missing permission, wherever the problem is shown: ask for it in a
// consent window; if that is not theirs to give, copy the administrator's consent link.
import { useState } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import { PERMISSION } from '../core/permissions';
import { t } from '../shared/i18n';
import { api } from './api';
import { CopyField } from './copy-field';

export function ConsentActions({ error, onGranted }: { error: UserError; onGranted?: () => void }) {
  const [refused, setRefused] = useState<UserError>();
  const [busy, setBusy] = useState(false);
  const consent = error.consent;
  const grant = async () => {
    if (!consent) return;
    setBusy(true);
    const reply = await api('grantConsent', { purpose: consent });
    setBusy(false);
    if (reply.ok) onGranted?.();
    else setRefused(reply.error);
  };
  const link = refused?.link ?? error.link;
  return (
    <>
      {refused && <p data-testid="consent-refused">{t(refused.key, refused.subs)}</p>}
      {consent && !refused?.link && (
        <button
          type="button"
          class="primary"
          onClick={() => void grant()}
          disabled={busy}
          data-testid="grant-permission"
        >
          {t('grantPermission', [PERMISSION[consent]])}
        </button>
      )}
      {link && <CopyField id="admin-consent" label={t('adminConsentLink')} value={link} testId="admin-consent-link" />}
    </>
  );
}
