// The page a guest lands on after accepting: the same field in the popup and on the settings page,
// with a word of warning for an unencrypted (http:) page.
import { isMyApps } from '../core/invitation';
import { redirectWarning, type Problem } from '../core/validate';
import { t } from '../shared/i18n';
import { Field, describedBy } from './field';

interface Props {
  value: string;
  problem?: Problem | null;
  onInput: (value: string) => void;
}

export function RedirectUrlField({ value, problem, onInput }: Props) {
  const warning = redirectWarning(value);
  const hint = warning ? t(warning.key) : isMyApps(value) ? t('myAppsHint') : undefined;
  return (
    <Field id="redirectUrl" label={t('fieldRedirectUrl')} problem={problem} hint={hint}>
      <input
        {...describedBy('redirectUrl', problem, hint)}
        type="url"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        spellcheck={false}
      />
    </Field>
  );
}
