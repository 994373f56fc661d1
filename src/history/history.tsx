import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { localizeDocument, t, uiLanguage } from '../shared/i18n';
import { MAX_REQUEST_IDS, MAX_STATE_IDS, type HistoryEntry } from '../protocol/contract';
import { history, store } from '../storage/browser-store';
import type { TenantName } from '../storage/storage';
import type { UserError } from '../core/graph-errors';
import { toCsv } from '../core/csv';
import { api } from '../ui/api';
import { download } from '../ui/download';
import { ErrorBox } from '../ui/field';
import { requestStateText } from '../ui/request-state';
import { FINAL_REQUEST_STATES } from '../core/access-packages';
import { GuestActions } from '../ui/guest-actions';
import '../ui/styles.css';

const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

function exportCsv(entries: HistoryEntry[]): void {
  const header = ['address', 'name', 'invited_at', 'tenant', 'user_id', 'user_type', 'mail_sent', 'status'];
  const rows = entries.map((e) => [
    e.email,
    e.displayName,
    new Date(e.at).toISOString(),
    e.tenantId,
    e.userId,
    e.userType,
    e.sentMail,
    e.state,
  ]);
  const name = `guest-invitations-${new Date().toISOString().slice(0, 10)}.csv`;
  download(toCsv([header, ...rows]), name, 'text/csv;charset=utf-8');
}

/** The redeem link stays hidden until asked for: it lets anyone holding it redeem the invitation. */
function RedeemLink({ url }: { url: string }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  return (
    <span class="row">
      <button type="button" class="link" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? t('hideLink') : t('showLink')}
      </button>
      <button type="button" class="link" onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}>
        {copied ? t('copied') : t('copyLink')}
      </button>
      {shown && <code class="redeem">{url}</code>}
    </span>
  );
}

function History() {
  const [entries, setEntries] = useState<HistoryEntry[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError>();
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const [keepLinks, setKeepLinks] = useState(false);
  /** The directory of the profile in use (its account's tenant id): only its guests can be checked or acted on. */
  const [here, setHere] = useState<string>();
  const [tenantNames, setTenantNames] = useState<Record<string, TenantName>>({});
  const reload = () => void history.load().then((list) => setEntries(list.reverse()));
  useEffect(() => {
    reload();
    void store.read('settings').then((s) => setKeepLinks(s.keepRedeemLinks));
    void store.read('tenantNames').then(setTenantNames);
    void api('status', {}).then((reply) => reply.ok && setHere(reply.value.account?.tenantId));
  }, []);
  if (!entries) return null;
  /** Signed out, every entry is asked about (and the answer says to sign in); signed in, this directory's. */
  const ours = (e: HistoryEntry) => !here || e.tenantId === here;
  const tenantName = (id: string) => tenantNames[id]?.name;

  const refresh = async () => {
    setBusy(true);
    setError(undefined);
    // Each guest once; an entry without a user id (its answer was lost) has nothing to ask about.
    const ids = [...new Set(entries.filter(ours).map((e) => e.userId))].filter(Boolean);
    let latest: HistoryEntry[] | undefined;
    for (let i = 0; i < ids.length; i += MAX_STATE_IDS) {
      const reply = await api('userStates', { ids: ids.slice(i, i + MAX_STATE_IDS) });
      if (!reply.ok) {
        setError(reply.error);
        break;
      }
      latest = reply.value;
    }
    // Access package requests still on their way: their state now.
    const requests = entries
      .filter((e) => ours(e) && e.package && !FINAL_REQUEST_STATES.includes(e.package.requestState))
      .map((e) => e.package!.requestId);
    if (requests.length) {
      const reply = await api('assignmentStates', { ids: requests.slice(0, MAX_REQUEST_IDS) });
      if (reply.ok) latest = await history.load();
      else setError(reply.error);
    }
    setBusy(false);
    if (latest) {
      setEntries([...latest].reverse());
      setAnnouncement(t('statusRefreshed'));
    }
  };

  const clear = async () => {
    await history.clear();
    setEntries([]);
    setConfirming(false);
    setAnnouncement(t('historyCleared'));
  };

  return (
    <main class="page wide-page">
      <h1>{t('historyTitle')}</h1>
      <p class="hint" data-testid="links-note">
        {t(keepLinks ? 'historyLinksKept' : 'historyLinksSession')}
      </p>
      <div class="row toolbar">
        <button
          type="button"
          class="primary"
          onClick={refresh}
          disabled={busy || !entries.length}
          data-testid="refresh"
        >
          {busy ? t('refreshing') : t('refreshStatus')}
        </button>
        <button type="button" onClick={() => exportCsv(entries)} disabled={!entries.length} data-testid="export">
          {t('exportCsv')}
        </button>
        {confirming ? (
          <>
            <button type="button" class="danger" onClick={clear} data-testid="confirm-clear">
              {t('confirmClear', [String(entries.length)])}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={!entries.length} data-testid="clear">
            {t('clearHistory')}
          </button>
        )}
      </div>
      <div aria-live="polite" class="visually-hidden">
        {announcement}
      </div>
      {error && <ErrorBox error={error} />}
      {entries.length ? (
        <table class="history" data-testid="history">
          <caption class="visually-hidden">{t('historyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colAddress')}</th>
              <th scope="col">{t('colInvited')}</th>
              <th scope="col">{t('colTenant')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('redeemLink')}</th>
              <th scope="col">{t('colNext')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.userId}-${e.at}`}>
                <td>
                  {e.displayName && <strong class="block">{e.displayName}</strong>}
                  {e.email}
                </td>
                <td>{dateFormat.format(e.at)}</td>
                <td data-testid="tenant">
                  {tenantName(e.tenantId) ? (
                    <span title={e.tenantId}>{tenantName(e.tenantId)}</span>
                  ) : (
                    <code>{e.tenantId}</code>
                  )}
                </td>
                <td>
                  <span data-testid="state">
                    {e.package ? requestStateText(e.package.requestState) : t(`state_${e.state ?? 'Unknown'}`)}
                  </span>
                  {e.stateSince && (
                    <span class="block muted" data-testid="state-since">
                      {t('stateSince', [dateFormat.format(e.stateSince)])}
                    </span>
                  )}
                </td>
                <td>
                  {e.package ? (
                    t('historyPackage', [e.package.name])
                  ) : e.redeemUrl ? (
                    <RedeemLink url={e.redeemUrl} />
                  ) : (
                    <span class="muted">{t('mailSent')}</span>
                  )}
                </td>
                <td data-testid="next">
                  {ours(e) ? (
                    <GuestActions entry={e} onFinished={reload} />
                  ) : (
                    <span class="muted">{t('historyOtherTenant', [tenantName(e.tenantId) ?? e.tenantId])}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p data-testid="empty">{t('historyEmpty')}</p>
      )}
    </main>
  );
}

localizeDocument('historyTitle');
render(<History />, document.getElementById('app')!);
