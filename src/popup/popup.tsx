import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { localizeDocument, t, uiLanguage } from '../shared/i18n';
import { loadSettings, type InviteDefaults } from '../shared/settings';
import type { AuthStatus } from '../shared/messages';
import { checkInvite, inputFromDefaults, type InputProblems, type InviteInput, type InviteResult } from '../core/invitation';
import type { UserError } from '../core/graph-errors';
import { closestMessageLanguage } from '../core/languages';
import { LAST_INVITE_KEY, readSession, removeSession } from '../shared/session';
import { api } from '../ui/api';
import { ErrorBox } from '../ui/field';
import { AccountBar } from './account-bar';
import { AddressPicker } from './address-picker';
import { BatchProgress } from './batch-progress';
import { usePageAddresses } from './page-addresses';
import { extractFromText, type Found } from '../core/extract';
import { checkAddress } from '../core/validate';
import { selectedByDefault, standingOf, type Standing } from '../core/directory';
import { InviteForm } from './invite-form';
import { useQueue } from './use-queue';
import { ResultPanel } from './result-panel';
import '../ui/styles.css';

/** A result (with its redeem link) stays on screen across popup reopenings for this long. */
const RESULT_KEPT_MS = 15 * 60_000;

type Busy = 'signIn' | 'signOut' | 'invite' | null;

/** The addresses Graph would accept; the others are listed with their reason, never ticked. */
function invitable(found: Found[] = []): string[] {
  return found.filter((f) => !checkAddress(f.address)).map((f) => f.address);
}

function emptyForm(defaults: InviteDefaults): InviteInput {
  return inputFromDefaults(defaults, closestMessageLanguage(uiLanguage()));
}

function Popup() {
  const [status, setStatus] = useState<AuthStatus>();
  const [defaults, setDefaults] = useState<InviteDefaults>();
  const [form, setForm] = useState<InviteInput>();
  const [problems, setProblems] = useState<InputProblems>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UserError>();
  const [result, setResult] = useState<InviteResult>();
  const [lastResult, setLastResult] = useState<InviteResult>();
  const [addresses, setAddresses, scanning] = usePageAddresses();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [standings, setStandings] = useState<Record<string, Standing>>();
  const touched = useRef(false);
  const [batch, setBatch] = useQueue();

  // A recent result (say, its redeem link) comes back on reopening, unless the page offers new addresses.
  useEffect(() => {
    if (!scanning && !addresses && lastResult) setResult(lastResult);
  }, [scanning, addresses, lastResult]);

  // Everything found starts selected, except what Graph would refuse.
  useEffect(() => {
    setSelected(new Set(invitable(addresses?.found)));
    setStandings(undefined);
    touched.current = false;
  }, [addresses]);

  // Then the tenant is asked who these people already are; those who need no invitation are unticked.
  useEffect(() => {
    const list = invitable(addresses?.found);
    if (!list.length || !status?.signedIn) return;
    void api.directory(list).then((reply) => {
      if (!reply.ok) return; // no read permission: the list works without it
      const known = Object.fromEntries(list.map((a) => [a, standingOf(a, reply.value.users[a], reply.value.domains)]));
      setStandings(known);
      // Unless the user has already made their own choice.
      if (!touched.current) setSelected((current) => new Set([...current].filter((a) => !known[a] || selectedByDefault(known[a]))));
    });
  }, [addresses, status?.signedIn]);

  const pasteAddresses = (text: string): boolean => {
    const found = extractFromText(text);
    if (!found.length || !form) return false;
    if (found.length === 1) {
      setForm({ ...form, email: found[0]!.address, displayName: found[0]!.name ?? form.displayName });
      return true;
    }
    setAddresses({ found, source: 'paste' });
    return true;
  };

  useEffect(() => {
    void loadSettings().then((settings) => {
      setDefaults(settings.defaults);
      setForm(emptyForm(settings.defaults));
    });
    void readSession<InviteResult>(LAST_INVITE_KEY).then((last) => {
      if (last && Date.now() - last.at < RESULT_KEPT_MS) setLastResult(last);
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

  const chosen = addresses?.found.filter((f) => selected.has(f.address)) ?? [];

  const submit = async () => {
    if (!form) return;
    if (addresses) return submitChosen();
    // With groups chosen, the invitation goes through the queue, which also adds the guest to them.
    if (form.groups?.length) return submitChosen([{ address: form.email.trim(), name: form.displayName.trim() || undefined }]);
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

  /** Invites the addresses ticked in the list with the form's options. */
  const submitChosen = async (recipients = chosen) => {
    if (!form || !recipients.length) {
      setError({ key: 'errNoneSelected' });
      return;
    }
    const inputs = recipients.map((f) => ({ ...form, email: f.address, displayName: f.name ?? '' }));
    const found = checkInvite(inputs[0]!);
    if (addresses) {
      delete found.email;
      delete found.displayName;
    }
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length) return;
    if (inputs.length === 1 && !inputs[0]!.groups?.length) {
      setAddresses(undefined);
      setForm(inputs[0]);
      setBusy('invite');
      const reply = await api.invite(inputs[0]!);
      setBusy(null);
      if (reply.ok) setResult(reply.value);
      else setError(reply.error);
      return;
    }
    setBusy('invite');
    const reply = await api.enqueue(inputs);
    setBusy(null);
    if (reply.ok) setBatch(reply.value);
    else setError(reply.error);
  };

  const another = () => {
    setResult(undefined);
    setLastResult(undefined);
    if (batch) void api.queueControl('clear');
    setBatch(undefined);
    setAddresses(undefined);
    void removeSession(LAST_INVITE_KEY);
    if (defaults) setForm(emptyForm(defaults));
  };

  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('popupTitle')}</h1>
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
      {batch ? (
        <BatchProgress queue={batch} onControl={(action) => void api.queueControl(action).then((r) => r.ok && setBatch(r.value))} onDone={another} />
      ) : result ? (
        <ResultPanel result={result} onAnother={another} />
      ) : (
        form && (
          <InviteForm
            recipients={addresses && <AddressPicker found={addresses.found} standings={standings} source={addresses.source} partial={addresses.partial} selected={selected} onChange={(next) => {
                    touched.current = true;
                    setSelected(next);
                  }} />}
            submitLabel={addresses ? t('inviteCount', [String(chosen.length)]) : undefined}
            onPasteAddresses={pasteAddresses}
            value={form}
            problems={problems}
            busy={busy === 'invite'}
            canSend={!!status?.signedIn && (!addresses || chosen.length > 0)}
            onChange={setForm}
            onSubmit={submit}
          />
        )
      )}
      <footer class="row">
        <a class="link" href="../history/history.html" target="_blank" data-testid="history-link">
          {t('historyTitle')}
        </a>
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </footer>
    </main>
  );
}

localizeDocument('popupTitle');
render(<Popup />, document.getElementById('app')!);
