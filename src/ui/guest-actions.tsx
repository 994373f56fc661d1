// What one guest of the history may need next: a pending guest a new invitation email (Resend); a
// guest who accepted with the wrong account, or changed address, a fresh start (Reset redemption:
// they accept again with an address already on their account, keeping their id, groups and apps).
// Each behind a confirmation that says what will happen; both go through the queue like any invitation.
import { useEffect, useState } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import { addressKey, optionsFromDefaults, type Recipient } from '../core/invitation';
import { closestMessageLanguage } from '../core/languages';
import { isPending, type Queue, type QueueItem } from '../core/queue';
import type { HistoryEntry } from '../protocol/contract';
import { t, uiLanguage } from '../shared/i18n';
import { store } from '../storage/browser-store';
import { api } from './api';
import { Confirm } from './confirm';
import { ErrorBox } from './field';
import { itemNotes, statusKey } from './item-notes';

type Step = 'idle' | 'resend' | 'reset' | 'started';

/**
 * The queue's item for this address once a run for it was started here, followed live, and why the
 * queue stopped, if it did (a permission to grant, a sign-in).
 */
function useStartedItem(key: string | undefined): { item?: QueueItem; stoppedFor?: UserError } {
  const [seen, setSeen] = useState<{ item?: QueueItem; stoppedFor?: UserError }>({});
  useEffect(() => {
    if (!key) return;
    const pick = (q: Queue) => setSeen({ item: q.items.findLast((i) => i.key === key), stoppedFor: q.stoppedFor });
    void store.read('queue').then(pick);
    return store.watch('queue', pick);
  }, [key]);
  return key ? seen : {};
}

type Guest = Pick<HistoryEntry, 'email' | 'displayName' | 'userId' | 'state'>;

/** `onFinished`: called once a started resend or reset has its outcome (the history reloads then). */
export function GuestActions({ entry, onFinished }: { entry: Guest; onFinished?: () => void }) {
  const [step, setStep] = useState<Step>('idle');
  const [addresses, setAddresses] = useState<string[]>();
  const [chosen, setChosen] = useState(entry.email);
  const [error, setError] = useState<UserError>();
  const [startedFor, setStartedFor] = useState<string>();
  const { item, stoppedFor } = useStartedItem(startedFor);
  const finished = item && !isPending(item);
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished]);

  const name = entry.displayName || entry.email;
  const shownName = entry.displayName ?? '';
  const openReset = async () => {
    setStep('reset');
    setError(undefined);
    const reply = await api('guestAddresses', { userId: entry.userId });
    if (reply.ok) setAddresses(reply.value);
    else setError(reply.error);
  };
  const start = async (recipient: Recipient) => {
    const { defaults } = await store.read('settings');
    // Microsoft sends the new invitation: the mail is on whatever the defaults say, and nothing else is added.
    const options = {
      ...optionsFromDefaults(defaults, closestMessageLanguage(uiLanguage())),
      sendMail: true,
      sponsors: undefined,
    };
    const reply = await api('enqueue', { options, recipients: [recipient] });
    if (!reply.ok) return setError(reply.error);
    setStartedFor(addressKey(recipient.email));
    setStep('started');
  };

  const status = step === 'started' && (
    <>
      <p role="status" data-testid="guest-action-status">
        {item ? [t(statusKey(item)), ...itemNotes(item)].join(' · ') : t('status_waiting')}
      </p>
      {stoppedFor && !finished && (
        // A granted permission sets the queue going again by itself (the background does).
        <ErrorBox error={stoppedFor} />
      )}
    </>
  );
  // Under way: only its progress. Once finished, the outcome stays, and the actions come back.
  if (step === 'started' && !finished) return status;
  if (step === 'resend')
    return (
      <Confirm
        testId="confirm-resend"
        text={t('confirmResend', [name])}
        action={t('resendSend')}
        onConfirm={() => void start({ email: entry.email, name: shownName })}
        onCancel={() => setStep('idle')}
        error={error}
      />
    );
  if (step === 'reset')
    return (
      <Confirm
        testId="confirm-reset"
        text={t('confirmReset', [name])}
        action={t('resetRedemption')}
        danger
        disabled={!addresses}
        onConfirm={() => void start({ email: chosen, name: shownName, resetUserId: entry.userId })}
        onCancel={() => setStep('idle')}
        error={error}
      >
        <label for={`reset-${entry.userId}`}>{t('resetAddress')}</label>
        <select
          id={`reset-${entry.userId}`}
          value={chosen}
          disabled={!addresses}
          onChange={(e) => setChosen(e.currentTarget.value)}
          aria-describedby={`reset-hint-${entry.userId}`}
        >
          {(addresses ?? [entry.email]).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <p class="hint" id={`reset-hint-${entry.userId}`}>
          {t('resetAddressHint')}
        </p>
      </Confirm>
    );
  return (
    <>
      {status}
      {entry.state === 'PendingAcceptance' && (
        <button type="button" class="link" onClick={() => setStep('resend')} data-testid="resend">
          {t('resendInvitation')}
        </button>
      )}
      {entry.state === 'Accepted' && (
        <button type="button" class="link" onClick={() => void openReset()} data-testid="reset">
          {t('resetRedemptionOpen')}
        </button>
      )}
    </>
  );
}
