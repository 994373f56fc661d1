// What sign-out asks and offers: a confirmation when invitations still wait (signing out cancels
// them), and afterwards the choice to clear the invitation history as well.
import { t } from '../shared/i18n';

export function ConfirmSignOut(props: { waiting: number; onConfirm: () => void; onCancel: () => void }) {
  return (
    <section class="box" role="alertdialog" aria-labelledby="confirm-sign-out" data-testid="confirm-sign-out">
      <p id="confirm-sign-out">{t('confirmSignOutWaiting', [String(props.waiting)])}</p>
      <div class="row">
        <button type="button" class="danger" onClick={props.onConfirm} data-testid="confirm-sign-out-yes">
          {t('signOutAndCancel')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('keepSignedIn')}
        </button>
      </div>
    </section>
  );
}

export function SignedOutNote(props: { cleared: boolean; onClear: () => void }) {
  return (
    <section class="box" role="status" data-testid="signed-out">
      <p>{t(props.cleared ? 'historyCleared' : 'signedOutHistoryStays')}</p>
      {!props.cleared && (
        <button type="button" onClick={props.onClear} data-testid="clear-history-too">
          {t('clearHistoryToo')}
        </button>
      )}
    </section>
  );
}
