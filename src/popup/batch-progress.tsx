import type { Queue, QueueItem } from '../core/queue';
import { counts, tenantOf } from '../core/queue';
import { configKey } from '../core/clouds';
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
  /** The directory the popup works in now (configKey): rows of runs in another are labelled with theirs. */
  here: string | undefined;
}

/** The other directory an item's run goes to, by its profile's name; nothing when it is this one. */
function elsewhere(queue: Queue, item: QueueItem, here: string | undefined): string | undefined {
  const tenant = tenantOf(queue, item);
  if (!tenant || !here || configKey(tenant.config) === here) return undefined;
  return tenant.name || tenant.config.tenant;
}

/** The bulk queue, live: counts, a progress bar, each row's state and error, and its controls. */
export function BatchProgress({ queue, onControl, onDone, onSignIn, here }: Props) {
  const c = counts(queue);
  const finished = c.total - c.waiting;
  // Outcomes that could not be checked for want of a permission: one button asks for it for all.
  const consentNeeded = queue.items.find((i) => i.state === 'unknown' && i.error?.consent)?.error;
  const shortCount = queue.items.filter(invitedShort).length;
  const stoppedItem = queue.stoppedRun ? queue.items.find((i) => i.run === queue.stoppedRun) : undefined;
  const stoppedElsewhere = stoppedItem && elsewhere(queue, stoppedItem, here);
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
      {queue.stoppedFor &&
        (stoppedElsewhere ? (
          // Signing in or granting here would be for the wrong directory: say where to go.
          <p class="error" data-testid="batch-stopped-elsewhere">
            {t('queueStoppedElsewhere', [stoppedElsewhere, t(queue.stoppedFor.key, queue.stoppedFor.subs)])}
          </p>
        ) : (
          <ErrorBox error={queue.stoppedFor}>
            {queue.stoppedFor.reauth && (
              <button type="button" class="primary" onClick={onSignIn} data-testid="batch-sign-in">
                {t('signIn')}
              </button>
            )}
          </ErrorBox>
        ))}
      {!queue.stoppedFor?.consent && consentNeeded && <ConsentActions error={consentNeeded} />}
      <div class="row">
        {c.waiting > 0 &&
          (queue.paused ? (
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
        {queue.items.map((item) => {
          const other = elsewhere(queue, item, here);
          return (
            <li key={item.key} data-status={item.state} data-problem={invitedShort(item) ? 'short' : undefined}>
              <span class={`status status-${invitedShort(item) ? 'failed' : item.state}`}>{t(statusKey(item))}</span>
              <span class="address">{item.email}</span>
              {other && (
                <span class="muted small" data-testid="item-tenant">
                  {t('queueItemTenant', [other])}
                </span>
              )}
              {itemNotes(item).map((note) => (
                <span class="error" key={note}>
                  {note}
                </span>
              ))}
            </li>
          );
        })}
      </ul>
      {c.waiting === 0 && (
        <button type="button" class="link" onClick={onDone} data-testid="batch-done">
          {t('inviteAnother')}
        </button>
      )}
    </section>
  );
}
