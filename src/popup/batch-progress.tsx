import type { Queue } from '../core/queue';
import { counts } from '../core/queue';
import type { QueueAction } from '../protocol/contract';
import { t } from '../shared/i18n';
import { ConsentActions } from '../ui/consent-actions';
import { ErrorBox } from '../ui/field';
import { invitedShort, itemNotes, statusKey } from '../ui/item-notes';

interface Props {
  queue: Queue;
  onControl: (action: QueueAction) => void;
  onDone: () => void;
  /** Signs in again (a run stopped for it goes on by itself once signed in). */
  onSignIn: () => void;
}

/** The bulk queue, live: counts, a progress bar, each row's state and error, and its controls. */
export function BatchProgress({ queue, onControl, onDone, onSignIn }: Props) {
  const c = counts(queue);
  const finished = c.total - c.waiting;
  // Outcomes that could not be checked for want of a permission: one button asks for it for all.
  const consentNeeded = queue.items.find((i) => i.state === 'unknown' && i.error?.consent)?.error;
  const shortCount = queue.items.filter(invitedShort).length;
  return (
    <section class="box" data-testid="batch">
      <p role="status" data-testid="batch-summary">
        <strong>
          {t('queueSummary', [String(c.done), String(c.failed), String(c.skipped + c.cancelled), String(c.waiting)])}
        </strong>
      </p>
      <progress max={c.total} value={finished} aria-label={t('batchProgress')} />
      {shortCount > 0 && (
        <p class="error" data-testid="batch-not-grouped">
          {t('queueInvitedShort', [String(shortCount)])}
        </p>
      )}
      {c.unknown > 0 && (
        <p class="error" data-testid="batch-unknown">
          {t('queueUnknown', [String(c.unknown)])}
        </p>
      )}
      {queue.stoppedFor && (
        <ErrorBox error={queue.stoppedFor}>
          {queue.stoppedFor.reauth && (
            <button type="button" class="primary" onClick={onSignIn} data-testid="batch-sign-in">
              {t('signIn')}
            </button>
          )}
        </ErrorBox>
      )}
      {!queue.stoppedFor?.consent && consentNeeded && <ConsentActions error={consentNeeded} />}
      <div class="row">
        {c.waiting > 0 &&
          // Paused, or this directory held by a stop: Resume tries again.
          (queue.paused || queue.stoppedFor ? (
            <button type="button" class="primary" onClick={() => onControl('resume')} data-testid="resume">
              {t('resume')}
            </button>
          ) : (
            <button type="button" onClick={() => onControl('pause')} data-testid="pause">
              {t('pause')}
            </button>
          ))}
        {c.waiting + c.unknown > 0 && (
          <button type="button" onClick={() => onControl('cancel')} data-testid="cancel">
            {t('cancel')}
          </button>
        )}
        {c.waiting === 0 && c.failed + c.cancelled + c.unknown > 0 && (
          <button type="button" onClick={() => onControl('retry')} data-testid="retry">
            {t('retryFailed')}
          </button>
        )}
      </div>
      {/* Scrollable, so it must be reachable by keyboard too. */}
      <ul class="addresses" tabIndex={0} aria-label={t('batchProgress')}>
        {queue.items.map((item) => (
          <li key={item.key} data-status={item.state} data-problem={invitedShort(item) ? 'short' : undefined}>
            <span class={`status status-${invitedShort(item) ? 'failed' : item.state}`}>{t(statusKey(item))}</span>
            <span class="address">{item.email}</span>
            {itemNotes(item).map((note) => (
              <span class="error" key={note}>
                {note}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {c.waiting === 0 && (
        <button type="button" class="link" onClick={onDone} data-testid="batch-done">
          {t('inviteAnother')}
        </button>
      )}
    </section>
  );
}
