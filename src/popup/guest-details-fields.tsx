// Optional, folded: the guest's details, set on the new guest right after the invitation. First and
// last name only for one address (a list shares everything else).
import { useState } from 'preact/hooks';
import type { GuestDetails } from '../core/guest-details';
import type { InputProblems } from '../core/invitation';
import { t, uiLanguage } from '../shared/i18n';
import { Field, describedBy } from '../ui/field';

interface Props {
  value: GuestDetails | undefined;
  problems: InputProblems;
  /** One address: first and last name are asked for too. */
  single: boolean;
  onChange: (details: GuestDetails | undefined) => void;
}

// Codes Intl names that are no country a user can be placed in.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
let regions: [string, string][] | undefined;

/** Every two-letter region the browser can name, by name in the UI language. */
function regionList(): [string, string][] {
  if (regions) return regions;
  const names = new Intl.DisplayNames([uiLanguage()], { type: 'region', fallback: 'none' });
  const found: [string, string][] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && !NOT_COUNTRIES.has(code)) found.push([code, name]);
    }
  const order = new Intl.Collator(uiLanguage());
  return (regions = found.sort((x, y) => order.compare(x[1], y[1])));
}

const FIELDS: { field: Exclude<keyof GuestDetails, 'usageLocation'>; label: string; singleOnly?: boolean }[] = [
  { field: 'givenName', label: 'fieldGivenName', singleOnly: true },
  { field: 'surname', label: 'fieldSurname', singleOnly: true },
  { field: 'companyName', label: 'fieldCompany' },
  { field: 'jobTitle', label: 'fieldJobTitle' },
];

export function GuestDetailsFields({ value, problems, single, onChange }: Props) {
  const details = value ?? {};
  const set = (field: keyof GuestDetails, text: string) => {
    const next = { ...details, [field]: text };
    onChange(Object.values(next).some((v) => v) ? next : undefined);
  };
  const hasProblem = Object.keys(problems).some((key) => key.startsWith('details.'));
  const filled = Object.values(details).filter(Boolean).length;
  // Drawn only when open: opening the options does not build the country list.
  const [open, setOpen] = useState(false);
  const shown = open || hasProblem;
  return (
    <details
      class="guest-details"
      open={shown || undefined}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="guest-details"
    >
      <summary>{filled ? t('guestDetailsFilled', [String(filled)]) : t('guestDetails')}</summary>
      {shown && <DetailsBody details={details} problems={problems} single={single} set={set} />}
    </details>
  );
}

function DetailsBody({
  details,
  problems,
  single,
  set,
}: Pick<Props, 'problems' | 'single'> & {
  details: GuestDetails;
  set: (field: keyof GuestDetails, text: string) => void;
}) {
  return (
    <>
      <p class="hint">{t('guestDetailsHint')}</p>
      {FIELDS.filter((f) => single || !f.singleOnly).map(({ field, label }) => {
        const problem = problems[`details.${field}`];
        return (
          <Field key={field} id={`detail-${field}`} label={t(label)} problem={problem}>
            <input
              {...describedBy(`detail-${field}`, problem)}
              value={details[field] ?? ''}
              onInput={(e) => set(field, e.currentTarget.value)}
              autocomplete="off"
            />
          </Field>
        );
      })}
      <Field id="detail-usageLocation" label={t('fieldUsageLocation')} problem={problems['details.usageLocation']}>
        <select
          {...describedBy('detail-usageLocation', problems['details.usageLocation'])}
          value={details.usageLocation ?? ''}
          onChange={(e) => set('usageLocation', e.currentTarget.value)}
        >
          <option value="">{t('usageLocationNone')}</option>
          {regionList().map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
