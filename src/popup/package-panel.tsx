// "Give access with a package" (issue 12, item 3): instead of an invitation, an access package whose
// policy admits outsiders. Either the partner requests it (the My Access link, copied or emailed), or
// an access package manager assigns it directly (adminAdd), the requests' states shown and checked again.
import { useState } from 'preact/hooks';
import {
  FINAL_REQUEST_STATES,
  myAccessLink,
  type AssignmentOutcome,
  type PackageChoice,
} from '../core/access-packages';
import type { CloudId } from '../core/clouds';
import type { UserError } from '../core/graph-errors';
import { t } from '../shared/i18n';
import { store } from '../storage/browser-store';
import { api } from '../ui/api';
import { CopyField } from '../ui/copy-field';
import { ErrorBox } from '../ui/field';
import { requestStateText } from '../ui/request-state';

interface Props {
  /** The addresses chosen above (valid ones only). */
  emails: string[];
  /** The tenant as partners know it: its primary domain, else its id. */
  tenant: string;
}

function mailto(emails: string[], choice: PackageChoice, link: string): string {
  const subject = encodeURIComponent(t('packageMailSubject', [choice.packageName]));
  const body = encodeURIComponent(t('packageMailBody', [choice.packageName, link]));
  return `mailto:${emails.map(encodeURIComponent).join(',')}?subject=${subject}&body=${body}`;
}

export function PackagePanel({ emails, tenant }: Props) {
  const [choices, setChoices] = useState<PackageChoice[]>();
  const [failed, setFailed] = useState<UserError>();
  const [chosen, setChosen] = useState<PackageChoice>();
  const [cloud, setCloud] = useState<CloudId>();
  const [outcomes, setOutcomes] = useState<AssignmentOutcome[]>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setFailed(undefined);
    const [reply, settings] = await Promise.all([api('accessPackages', {}), store.read('settings')]);
    setCloud(settings.cloud);
    if (reply.ok) setChoices(reply.value);
    else setFailed(reply.error);
  };
  const choose = (choice: PackageChoice) => {
    setChosen(choice);
    setOutcomes(undefined);
  };
  const link = chosen && cloud && myAccessLink(cloud, tenant, chosen.packageId);
  const assign = async () => {
    if (!chosen) return;
    setBusy(true);
    const reply = await api('assignPackage', { choice: chosen, emails });
    setBusy(false);
    if (reply.ok) setOutcomes(reply.value);
    else setFailed(reply.error);
  };
  const checkAgain = async () => {
    const ids = (outcomes ?? []).filter((o) => o.requestId).map((o) => o.requestId!);
    const reply = await api('assignmentStates', { ids });
    if (!reply.ok) return setFailed(reply.error);
    setOutcomes(
      outcomes?.map((o) => (o.requestId ? { ...o, requestState: reply.value[o.requestId] ?? o.requestState } : o)),
    );
  };
  const open = outcomes?.some((o) => o.requestState && !FINAL_REQUEST_STATES.includes(o.requestState));

  return (
    <details class="packages" onToggle={(e) => e.currentTarget.open && !choices && void load()} data-testid="packages">
      <summary>{t('packagesSummary')}</summary>
      <p class="hint">{t('packagesHint')}</p>
      {failed && <ErrorBox error={failed} onGranted={() => void load()} />}
      {choices && !choices.length && <p data-testid="packages-none">{t('packagesNone')}</p>}
      {choices && choices.length > 0 && (
        <fieldset class="choice">
          <legend>{t('packagesChoose')}</legend>
          {choices.map((c) => (
            <label key={`${c.packageId}/${c.policyId}`}>
              <input
                type="radio"
                name="package"
                checked={chosen?.policyId === c.policyId && chosen.packageId === c.packageId}
                onChange={() => choose(c)}
              />
              <span>
                {c.packageName}
                <span class="block muted small">{t('packageFrom', [c.catalogName, c.policyName])}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {chosen &&
        (link ? (
          <CopyField id="package-link" label={t('packageLink')} value={link} testId="package-link">
            {emails.length > 0 && (
              <a
                class="button"
                href={mailto(emails, chosen, link)}
                target="_blank"
                rel="noopener"
                data-testid="package-mail"
              >
                {t('packageMail')}
              </a>
            )}
          </CopyField>
        ) : (
          <p class="hint">{t('packageLinkNone')}</p>
        ))}
      {chosen && (
        <button type="button" disabled={busy || !emails.length} onClick={() => void assign()} data-testid="assign">
          {t('assignDirectly', [String(emails.length)])}
        </button>
      )}
      {outcomes && (
        <ul class="addresses" aria-label={t('assignments')} data-testid="assignments">
          {outcomes.map((o) => (
            <li key={o.email}>
              <span class="address">{o.email}</span>
              <span class={o.error ? 'error' : 'status'}>
                {o.error ? t(o.error.key, o.error.subs) : requestStateText(o.requestState ?? 'submitted')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <button type="button" class="link" onClick={() => void checkAgain()} data-testid="check-assignments">
          {t('checkAgain')}
        </button>
      )}
    </details>
  );
}
