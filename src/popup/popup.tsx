import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t, uiLanguage } from '../shared/i18n';
import { loadSettings, type InviteDefaults } from '../shared/settings';
import type { AuthStatus } from '../shared/messages';
import { checkInvite, type InputProblems, type InviteInput, type InviteResult } from '../core/invitation';
import type { UserError } from '../core/graph-errors';
import { closestMessageLanguage } from '../core/languages';
import { LAST_INVITE_KEY, type LastInvite } from '../shared/last-invite';
import { api } from '../ui/api';
import { ErrorBox } from '../ui/field';
import { AccountBar } from './account-bar';
import { InviteForm } from './invite-form';
import { ResultPanel } from './result-panel';
import '../ui/styles.css';

/** A result (with its redeem link) stays on screen across popup reopenings for this long. */
const RESULT_KEPT_MS = 15 * 60_000;

type Busy = 'signIn' | 'signOut' | 'invite' | null;

function emptyForm(defaults: InviteDefaults): InviteInput {
  return {
    email: '',
    displayName: '',
    redirectUrl: defaults.redirectUrl,
    sendMail: defaults.sendMail,
    message: defaults.message,
    messageLanguage: defaults.messageLanguage || closestMessageLanguage(uiLanguage()),
    cc: '',
    userType: defaults.userType,
  };
}

function Popup() {
  const [status, setStatus] = useState<AuthStatus>();
  const [defaults, setDefaults] = useState<InviteDefaults>();
  const [form, setForm] = useState<InviteInput>();
  const [problems, setProblems] = useState<InputProblems>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UserError>();
  const [result, setResult] = useState<InviteResult>();

  useEffect(() => {
    void loadSettings().then((settings) => {
      setDefaults(settings.defaults);
      setForm(emptyForm(settings.defaults));
    });
    void browser.storage.session.get(LAST_INVITE_KEY).then((stored) => {
      const last = stored[LAST_INVITE_KEY] as LastInvite | undefined;
      if (last?.result && Date.now() - last.result.at < RESULT_KEPT_MS) setResult(last.result);
    });
    void api.status().then((reply) => (reply.ok ? setStatus(reply.value) : setError(reply.error)));
  }, []);

  const authAction = async (kind: 'signIn' | 'signOut') => {
    setBusy(kind);
    setError(undefined);
    const reply = await (kind === 'signIn' ? api.signIn() : api.signOut());
    if (reply.ok) setStatus(reply.value);
    else setError(reply.error);
    setBusy(null);
  };

  const submit = async () => {
    if (!form) return;
    const found = checkInvite(form);
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length) {
      document.getElementById(Object.keys(found)[0]!)?.focus();
      return;
    }
    setBusy('invite');
    const reply = await api.invite(form);
    setBusy(null);
    if (reply.ok) {
      setResult(reply.value);
      return;
    }
    setError(reply.error);
    if (reply.error.reauth) void api.status().then((r) => r.ok && setStatus(r.value));
  };

  const another = () => {
    setResult(undefined);
    void browser.storage.session.remove(LAST_INVITE_KEY);
    if (defaults) setForm(emptyForm(defaults));
  };

  return (
    <main class="popup">
      {status && !status.configured ? (
        <section class="box" data-testid="setup">
          <p>{t('setupNeeded')}</p>
          <button type="button" class="primary" onClick={() => browser.runtime.openOptionsPage()}>
            {t('openSettings')}
          </button>
        </section>
      ) : (
        <AccountBar status={status} busy={busy === 'signIn' || busy === 'signOut'} onSignIn={() => authAction('signIn')} onSignOut={() => authAction('signOut')} />
      )}
      <div aria-live="polite">
        {error && (
          <ErrorBox error={error}>
            {error.reauth && status?.signedIn && (
              <button type="button" class="primary" onClick={() => authAction('signIn')} disabled={!!busy} data-testid="sign-in">
                {t('signIn')}
              </button>
            )}
          </ErrorBox>
        )}
      </div>
      {result ? (
        <ResultPanel result={result} onAnother={another} />
      ) : (
        form && <InviteForm value={form} problems={problems} busy={busy === 'invite'} canSend={!!status?.signedIn} onChange={setForm} onSubmit={submit} />
      )}
      <footer>
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </footer>
    </main>
  );
}

document.title = t('popupTitle');
render(<Popup />, document.getElementById('app')!);
