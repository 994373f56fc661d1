import type { ComponentChildren } from 'preact';
import {
  isMyApps,
  MAX_GROUPS,
  MAX_SPONSORS,
  type InputProblems,
  type InviteInput,
  type UserType,
} from '../core/invitation';
import { LIMITS } from '../core/validate';
import { MESSAGE_LANGUAGES } from '../core/languages';
import { t, uiLanguage } from '../shared/i18n';
import { Field, describedBy } from '../ui/field';
import { RedirectUrlField } from '../ui/redirect-field';
import { DirectoryPicker } from '../ui/directory-picker';
import { GuestDetailsFields } from './guest-details-fields';
import { SingleStanding } from './single-standing';

interface Props {
  /** Replaces the single email and name fields, e.g. with the list of addresses found on the page. */
  recipients?: ComponentChildren;
  submitLabel?: string;
  /** Pasted text that may hold addresses ("Jane <j@x.com>; k@y.com"), parsed instead of typed in. */
  onPasteAddresses?: (text: string) => void;
  value: InviteInput;
  problems: InputProblems;
  busy: boolean;
  canSend: boolean;
  /** The options below the addresses are shown (remembered, or different from the defaults). */
  advancedOpen: boolean;
  onAdvancedToggle: (open: boolean) => void;
  onChange: (value: InviteInput) => void;
  onSubmit: () => void;
  /** The signed-in user's name: the guest's sponsor when nobody else is chosen. */
  inviter?: string;
  /** Signed in: one typed address is looked up in the directory. */
  signedIn?: boolean;
}

/** The fields under "Options": shown at once when one of them has a problem. */
const ADVANCED: (keyof InputProblems)[] = [
  'redirectUrl',
  'message',
  'cc',
  'details.givenName',
  'details.surname',
  'details.companyName',
  'details.jobTitle',
  'details.usageLocation',
];

/** The options in one line: "Guest · Microsoft email · Dutch · lands on My Apps". */
function summaryOf(value: InviteInput): string {
  const parts = [t(value.userType === 'Guest' ? 'userTypeGuest' : 'userTypeMember')];
  parts.push(t(value.sendMail ? 'summaryMail' : 'summaryNoMail'));
  if (value.sendMail && value.messageLanguage) parts.push(languageName(value.messageLanguage, false));
  let host = value.redirectUrl;
  try {
    host = new URL(value.redirectUrl).host;
  } catch {
    // Shown as typed; the field says what is wrong with it.
  }
  parts.push(isMyApps(value.redirectUrl) ? t('summaryMyApps') : t('summaryLandsOn', [host]));
  if (value.groups?.length) parts.push(t('summaryGroups', [String(value.groups.length)]));
  if (value.sponsors?.length) parts.push(t('summarySponsors', [String(value.sponsors.length)]));
  return parts.join(' · ');
}

let languageNames: Intl.DisplayNames | undefined;
function languageName(tag: string, withTag = true): string {
  languageNames ??= new Intl.DisplayNames([uiLanguage()], { type: 'language' });
  const name = languageNames.of(tag) ?? tag;
  return withTag ? `${name} (${tag})` : name;
}

/** The single-invitation form: everything POST /invitations offers. */
export function InviteForm({
  recipients,
  submitLabel,
  onPasteAddresses,
  value,
  problems,
  busy,
  canSend,
  advancedOpen,
  onAdvancedToggle,
  onChange,
  onSubmit,
  inviter,
  signedIn,
}: Props) {
  const mustOpen = ADVANCED.some((key) => problems[key]);
  const set = <K extends keyof InviteInput>(key: K, v: InviteInput[K]) => onChange({ ...value, [key]: v });
  const text = (key: keyof InviteInput) => (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value as never);
  const sponsorHint = value.sponsors?.length ? undefined : t('sponsorsDefault', [inviter || t('sponsorsYou')]);
  const messageHint = t('messageCount', [String(value.message.length), String(LIMITS.message)]);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {recipients ?? (
        <>
          <Field id="email" label={t('fieldEmail')} problem={problems.email} hint={t('pasteHint')}>
            <input
              {...describedBy('email', problems.email, t('pasteHint'))}
              type="email"
              autoFocus
              required
              value={value.email}
              onInput={text('email')}
              onPaste={(e) => {
                // "Jane <j@x.com>; k@y.com" pasted: parsed like a page, not typed in as one address.
                const pasted = e.clipboardData?.getData('text') ?? '';
                if (!onPasteAddresses || !pasted.includes('@')) return;
                e.preventDefault();
                onPasteAddresses(pasted);
              }}
              autocomplete="off"
              spellcheck={false}
            />
          </Field>
          {signedIn && <SingleStanding email={value.email} />}
          <Field id="displayName" label={t('fieldDisplayName')} problem={problems.displayName}>
            <input
              {...describedBy('displayName', problems.displayName)}
              value={value.displayName}
              onInput={text('displayName')}
              autocomplete="off"
            />
          </Field>
        </>
      )}
      <details
        class="advanced"
        open={advancedOpen || mustOpen}
        onToggle={(e) => {
          const open = e.currentTarget.open;
          if (open !== (advancedOpen || mustOpen)) onAdvancedToggle(open);
        }}
      >
        <summary data-testid="options-summary">{t('optionsSummary', [summaryOf(value)])}</summary>
        {/* Drawn only when open: the popup's first frame has less to lay out. */}
        {(advancedOpen || mustOpen) && (
          <>
            <RedirectUrlField
              value={value.redirectUrl}
              problem={problems.redirectUrl}
              onInput={(v) => set('redirectUrl', v)}
            />
            <fieldset class="choice">
              <legend>{t('fieldUserType')}</legend>
              {(['Guest', 'Member'] as UserType[]).map((type) => (
                <label key={type}>
                  <input
                    type="radio"
                    name="userType"
                    value={type}
                    checked={value.userType === type}
                    onChange={() => set('userType', type)}
                  />
                  {t(type === 'Guest' ? 'userTypeGuest' : 'userTypeMember')}
                </label>
              ))}
            </fieldset>
            <DirectoryPicker
              kind="searchGroups"
              name="group"
              label={t('fieldGroups')}
              placeholder={t('groupsSearch')}
              value={value.groups ?? []}
              onChange={(groups) => set('groups', groups)}
              max={MAX_GROUPS}
            />
            <GuestDetailsFields
              value={value.details}
              problems={problems}
              single={!recipients}
              onChange={(details) => set('details', details)}
            />
            <DirectoryPicker
              kind="searchPeople"
              name="sponsor"
              label={t('fieldSponsors')}
              placeholder={t('sponsorsSearch')}
              hint={sponsorHint}
              value={value.sponsors ?? []}
              onChange={(sponsors) => set('sponsors', sponsors.length ? sponsors : undefined)}
              max={MAX_SPONSORS}
            />
            <label class="check">
              <input
                type="checkbox"
                id="sendMail"
                checked={value.sendMail}
                onChange={(e) => set('sendMail', e.currentTarget.checked)}
              />
              {t('fieldSendMail')}
            </label>
            {value.sendMail ? (
              <>
                <Field id="message" label={t('fieldMessage')} problem={problems.message} hint={messageHint}>
                  <textarea
                    {...describedBy('message', problems.message, messageHint)}
                    rows={3}
                    value={value.message}
                    onInput={text('message')}
                  />
                </Field>
                <Field
                  id="messageLanguage"
                  label={t('fieldLanguage')}
                  hint={value.message.trim() ? t('languageIgnored') : undefined}
                >
                  <select
                    {...describedBy('messageLanguage', null, value.message.trim() ? t('languageIgnored') : undefined)}
                    value={value.messageLanguage}
                    onChange={text('messageLanguage')}
                  >
                    {MESSAGE_LANGUAGES.map((tag) => (
                      <option key={tag} value={tag}>
                        {languageName(tag)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="cc" label={t('fieldCc')} problem={problems.cc}>
                  <input
                    {...describedBy('cc', problems.cc)}
                    type="email"
                    value={value.cc}
                    onInput={text('cc')}
                    autocomplete="off"
                    spellcheck={false}
                  />
                </Field>
              </>
            ) : (
              <p class="hint">{t('noMailHint')}</p>
            )}
          </>
        )}
      </details>
      {/* Always in reach: the action stays at the bottom of the popup however long the list. */}
      <div class="action-bar">
        <button type="submit" class="primary wide" disabled={busy || !canSend} data-testid="invite">
          {busy ? t('inviting') : (submitLabel ?? t('invite'))}
        </button>
      </div>
    </form>
  );
}
