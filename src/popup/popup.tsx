import { render } from 'preact';
import { openOptions } from '../platform/browser';
import { localizeDocument, t } from '../shared/i18n';
import { ErrorBox } from '../ui/field';
import { AccountBar, ProfileSwitcher } from './account-bar';
import { AddressPicker } from './address-picker';
import { BatchProgress } from './batch-progress';
import { InviteForm } from './invite-form';
import { ResultPanel } from './result-panel';
import { PackagePanel } from './package-panel';
import { checkAddress } from '../core/validate';
import { ConfirmSignOut, SignedOutNote } from './sign-out-notes';
import { usePopup } from './state';
import { useProfiles } from './use-profiles';
import { ElsewhereRuns } from './elsewhere-runs';
import '../ui/styles.css';

function Popup() {
  const profiles = useProfiles();
  const s = usePopup(profiles.settings, profiles.activeKey);
  const { status, error, view, form, addresses } = s;
  // Nothing configured on opening: the assistant alone, until the user is done with it.
  if (s.inSetup)
    return (
      <main class="popup">
        <h1 class="visually-hidden">{t('popupTitle')}</h1>
        {/* A profile just added is not set up yet: the way back to the others stays. */}
        <ProfileSwitcher profiles={profiles} />
        {s.SetupAssistant && <s.SetupAssistant onSaved={s.refreshStatus} onDone={s.leaveSetup} />}
      </main>
    );
  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('popupTitle')}</h1>
      <AccountBar
        status={status}
        confirmed={s.statusConfirmed}
        busy={s.busy === 'signIn' || s.busy === 'signOut'}
        onSignIn={s.signIn}
        onSignOut={s.signOut}
        profiles={profiles}
      />
      <ElsewhereRuns lines={s.elsewhere} />
      {s.notice && !addresses && view.kind === 'form' && (
        <p class="hint notice" role="status" data-testid="notice">
          {t(s.notice)}
        </p>
      )}
      {s.confirming && (
        <ConfirmSignOut waiting={s.confirming.waiting} onConfirm={s.confirmSignOut} onCancel={s.keepSignedIn} />
      )}
      {s.signedOut && <SignedOutNote cleared={s.signedOut === 'cleared'} onClear={s.clearHistory} />}
      <div aria-live="polite">
        {s.checking && (
          <p class="box" role="status" data-testid="checking">
            {t('checkingLostAnswer', [s.checking])}
          </p>
        )}
        {error && (
          <ErrorBox error={error} onGranted={s.dismissError}>
            {error.reauth && status?.signedIn && (
              <button type="button" class="primary" onClick={s.signIn} disabled={!!s.busy} data-testid="sign-in">
                {t('signIn')}
              </button>
            )}
          </ErrorBox>
        )}
      </div>
      {view.kind === 'progress' ? (
        <BatchProgress queue={view.queue} onControl={s.control} onDone={s.another} onSignIn={s.signIn} />
      ) : view.kind === 'result' ? (
        <ResultPanel result={view.result} notes={view.notes} onAnother={s.another} />
      ) : (
        form && (
          <InviteForm
            recipients={
              addresses && (
                <AddressPicker
                  found={addresses.found}
                  standings={s.standings}
                  acceptedIds={s.acceptedIds}
                  lookupProblem={s.lookupProblem}
                  onGranted={s.lookAgain}
                  source={addresses.source}
                  partial={addresses.partial}
                  selected={s.selected}
                  onChange={s.choose}
                />
              )
            }
            submitLabel={s.submitLabel}
            advancedOpen={s.optionsOpen}
            onAdvancedToggle={s.toggleOptions}
            onPasteAddresses={(text) => void s.pasteAddresses(text)}
            value={form}
            problems={s.problems}
            busy={s.busy === 'invite'}
            canSend={!!status?.signedIn && (!addresses || s.chosen.length > 0)}
            onChange={s.setForm}
            onSubmit={() => void s.submit()}
            inviter={s.status?.account?.name}
            signedIn={!!status?.signedIn}
          />
        )
      )}
      {view.kind === 'form' && form && status?.signedIn && (
        <PackagePanel
          emails={(addresses ? s.chosen.map((f) => f.address) : [form.email.trim()]).filter((a) => !checkAddress(a))}
          tenant={status.tenantDomain ?? status.account?.tenantId ?? ''}
        />
      )}
      <footer class="row">
        <a class="link" href="../history/history.html" target="_blank" data-testid="history-link">
          {t('historyTitle')}
        </a>
        <button type="button" class="link" onClick={() => void openOptions()}>
          {t('settings')}
        </button>
      </footer>
    </main>
  );
}

localizeDocument('popupTitle');
render(<Popup />, document.getElementById('app')!);
