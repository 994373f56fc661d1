// The first-run assistant's parts, shared by the popup (when nothing is configured) and the options
// page: register the app (ready-to-paste commands with this install's redirect URIs, or the portal
// steps), and test the connection (sign in, then each permission as Entra answers for it).
import { useEffect, useState } from 'preact/hooks';
import { resolveEndpoints } from '../core/clouds';
import { adminConsentUrl, EVERYDAY, PERMISSION } from '../core/permissions';
import { azureCliScript, firefoxRedirectUri, powershellScript } from '../core/setup-commands';
import { redirectUrl } from '../platform/browser';
import type { ConnectionCheck } from '../protocol/contract';
import type { UserError } from '../core/graph-errors';
import { t } from '../shared/i18n';
import { api } from './api';
import { ConsentActions } from './consent-actions';
import { CopyField } from './copy-field';
import { ErrorBox } from './field';
import { store } from '../storage/browser-store';
import { authConfigOf, isConfigured } from '../storage/settings';

/** This browser's redirect URI, and Firefox's (fixed by the add-on ID) when this is another browser. */
function useRedirectUris(): string[] {
  const own = redirectUrl();
  const [uris, setUris] = useState([own]);
  useEffect(() => {
    void firefoxRedirectUri().then((firefox) => setUris(firefox === own ? [own] : [own, firefox]));
  }, [own]);
  return uris;
}

function Script({ id, label, text }: { id: string; label: string; text: string }) {
  return (
    <details class="script">
      <summary>{label}</summary>
      {/* Scrollable, so reachable by keyboard too. */}
      <pre tabIndex={0} aria-label={label} data-testid={id}>
        {text}
      </pre>
      <button type="button" onClick={() => void navigator.clipboard.writeText(text)}>
        {t('copyLink')}
      </button>
    </details>
  );
}

export function RegisterApp() {
  const uris = useRedirectUris();
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t('setupRegisterTitle')}</h2>
      <p class="hint">{t('setupRegisterText')}</p>
      {uris.map((uri, i) => (
        <CopyField
          key={uri}
          id={`redirect-${i}`}
          label={t('setupRedirectUri')}
          value={uri}
          testId="setup-redirect-uri"
        />
      ))}
      <Script id="setup-cli" label={t('setupAzureCli')} text={azureCliScript(uris)} />
      <Script id="setup-powershell" label={t('setupPowerShell')} text={powershellScript(uris)} />
      <details class="script">
        <summary>{t('setupPortal')}</summary>
        <ol class="small">
          <li>{t('setupPortal1')}</li>
          <li>{t('setupPortal2', [uris.join(', ')])}</li>
          <li>{t('setupPortal3', [EVERYDAY.map((p) => PERMISSION[p]).join(', ')])}</li>
          <li>{t('setupPortal4')}</li>
        </ol>
      </details>
    </section>
  );
}

/** The administrator's consent link for every permission, once the app's IDs are saved. */
function useAdminConsentLink(): string | undefined {
  const [link, setLink] = useState<string>();
  useEffect(() => {
    const update = () =>
      void store.read('settings').then((settings) => {
        const config = authConfigOf(settings);
        setLink(
          isConfigured(config)
            ? adminConsentUrl(resolveEndpoints(config), config.clientId, redirectUrl(), EVERYDAY)
            : undefined,
        );
      });
    update();
    return store.watch('settings', update);
  }, []);
  return link;
}

/** Signs in if need be and reports, item by item, what works and what is missing, with the fix for each. */
export function TestConnection() {
  const [check, setCheck] = useState<ConnectionCheck>();
  const consentLink = useAdminConsentLink();
  const [error, setError] = useState<UserError>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    const reply = await api('checkConnection', {});
    setBusy(false);
    if (reply.ok) setCheck(reply.value);
    else setError(reply.error);
  };
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">{t('setupCheckTitle')}</h2>
      <button type="button" class="primary" onClick={() => void run()} disabled={busy} data-testid="check-connection">
        {busy ? t('setupChecking') : t('setupCheck')}
      </button>
      {consentLink && (
        <CopyField
          id="admin-consent-all"
          label={t('adminConsentAll')}
          value={consentLink}
          testId="setup-admin-consent"
        />
      )}
      <div aria-live="polite">
        {error && <ErrorBox error={error} />}
        {check?.status.account && (
          <ul class="checks" data-testid="check-results">
            <li data-state="granted">
              {t('setupSignedIn', [
                check.status.account.username,
                check.status.tenantName ?? check.status.account.tenantId,
              ])}
            </li>
            {EVERYDAY.map((purpose) => (
              <li key={purpose} data-state={check.permissions[purpose]} data-testid={`check-${purpose}`}>
                {t(`setupPermission_${check.permissions[purpose]}`, [PERMISSION[purpose], t(`purpose_${purpose}`)])}
                {check.permissions[purpose] === 'missing' && (
                  <ConsentActions
                    error={{ key: 'errConsentNeeded', subs: [PERMISSION[purpose]], consent: purpose }}
                    onGranted={() => void run()}
                  />
                )}
              </li>
            ))}
            <li data-state="info">{t('setupInviteRole')}</li>
          </ul>
        )}
      </div>
    </section>
  );
}
