import type { Batch } from '../shared/session';
import { t } from '../shared/i18n';

/** Where a multi-address invitation stands, row by row. */
export function BatchProgress({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const count = (status: string) => batch.items.filter((i) => i.status === status).length;
  const done = count('done');
  const failed = count('failed');
  return (
    <section class="box" data-testid="batch">
      <p role="status">
        <strong>{t('batchSummary', [String(done), String(batch.items.length), String(failed)])}</strong>
      </p>
      <progress max={batch.items.length} value={done + failed} aria-label={t('batchProgress')} />
      {/* Scrollable, so it must be reachable by keyboard too. */}
      <ul class="addresses" tabIndex={0} aria-label={t('batchProgress')}>
        {batch.items.map((item) => (
          <li key={item.email} data-status={item.status}>
            <span class={`status status-${item.status}`}>{t(`status_${item.status}`)}</span>
            <span class="address">{item.email}</span>
            {item.error && <span class="error">{t(item.error.key, item.error.subs)}</span>}
          </li>
        ))}
      </ul>
      {batch.finished && (
        <button type="button" class="link" onClick={onDone} data-testid="batch-done">
          {t('inviteAnother')}
        </button>
      )}
    </section>
  );
}
