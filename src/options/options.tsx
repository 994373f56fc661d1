import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { shortcuts as loadShortcuts } from '../platform/browser';
import { localizeDocument, t, uiLanguage } from '../shared/i18n';
import { store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import { MAX_LOOKUP_WINDOW_S, type Settings } from '../storage/settings';
import { CLOUD_IDS, type CloudId } from '../core/clouds';
import { MESSAGE_LANGUAGES } from '../core/languages';
import type { Problem } from '../core/validate';
import { activeProfile, checkProfile, MAX_PROFILE_NAME } from '../storage/profiles';
import { ProfilesSection } from './profiles-section';
import { CheckField, Field, describedBy } from '../ui/field';
import { DirectoryPicker } from '../ui/directory-picker';
import { MAX_SPONSORS } from '../core/invitation';
import { RedirectUrlField } from '../ui/redirect-field';
import { RegisterApp, TestConnection } from '../ui/setup-steps';
import '../ui/styles.css';

type Problems = Partial<Record<string, Problem>>;

function checkSettings(s: Settings): Problems {
  const problems: Problems = checkProfile(activeProfile(s));
  const window = s.lookupWindowSeconds;
  if (!Number.isInteger(window) || window < 0 || window > MAX_LOOKUP_WINDOW_S)
    problems.lookupWindow = { key: 'errLookupWindow' };
  return problems;
}

/**
 * The form's edits, saved into what is stored now: into the profile they were made to, even if the
 * popup made another profile active meanwhile.
 */
function withEdits(stored: Settings, edited: Settings): Settings {
  const clean = { ...edited, clientId: edited.clientId.trim(), tenant: edited.tenant.trim(), name: edited.name.trim() };
  if (stored.id === clean.id) return { ...clean, otherProfiles: stored.otherProfiles };
  const { inviteImmediately, keepRedeemLinks, lookupWindowSeconds } = clean;
  const otherProfiles = stored.otherProfiles.map((p) => (p.id === clean.id ? activeProfile(clean) : p));
  return { ...stored, inviteImmediately, keepRedeemLinks, lookupWindowSeconds, otherProfiles };
}

function Options() {
  const [settings, setSettings] = useState<Settings>();
  /** The settings as stored: the profiles section works on these, not on unsaved edits. */
  const [stored, setStored] = useState<Settings>();
  const dirty = useRef(false);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [shortcuts, setShortcuts] = useState<{ name?: string; description?: string; shortcut?: string }[]>([]);

  useEffect(() => {
    const loaded = (value: Settings) => {
      setStored(value);
      // Another page (the popup's switcher) changed them: the form follows unless it holds edits.
      if (!dirty.current) setSettings(value);
    };
    void store.read('settings').then(loaded);
    void loadShortcuts().then(setShortcuts);
    return store.watch('settings', loaded);
  }, []);
  if (!settings || !stored) return null;

  const update = (patch: Partial<Settings>) => {
    dirty.current = true;
    setAnnouncement('');
    setSaved(false);
    setSettings({ ...settings, ...patch });
  };
  const updateDefaults = (patch: Partial<Settings['defaults']>) =>
    update({ defaults: { ...settings.defaults, ...patch } });
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

  const save = async (e: Event) => {
    e.preventDefault();
    const found = checkSettings(settings);
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(Object.keys(found)[0])?.focus();
      return;
    }
    const next = withEdits(await store.read('settings'), settings);
    await store.write('settings', next);
    dirty.current = false;
    setAnnouncement('');
    firstView.forget();
    setSettings(next.id === settings.id ? next : settings);
    setSaved(true);
  };

  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>
      <ProfilesSection
        stored={stored}
        note={announcement}
        onChanged={(next, announcement) => {
          setAnnouncement(announcement);
          dirty.current = false;
          setSettings(next);
          setStored(next);
          setProblems({});
          setSaved(false);
        }}
      />
      <form noValidate onSubmit={save}>
        <h2>{t('sectionApp')}</h2>
        <Field
          id="profileName"
          label={t('fieldProfileName')}
          problem={problems.profileName}
          hint={t('profileNameHint')}
        >
          <input
            {...describedBy('profileName', problems.profileName, t('profileNameHint'))}
            value={settings.name}
            maxLength={MAX_PROFILE_NAME}
            onInput={(e) => update({ name: value(e) })}
            placeholder={settings.tenant}
          />
        </Field>
        <RegisterApp />
        <Field id="clientId" label={t('fieldClientId')} problem={problems.clientId}>
          <input
            {...describedBy('clientId', problems.clientId)}
            value={settings.clientId}
            onInput={(e) => update({ clientId: value(e) })}
            spellcheck={false}
            placeholder="00000000-0000-0000-0000-000000000000"
          />
        </Field>
        <Field id="tenant" label={t('fieldTenant')} problem={problems.tenant} hint={t('tenantHint')}>
          <input
            {...describedBy('tenant', problems.tenant, t('tenantHint'))}
            value={settings.tenant}
            onInput={(e) => update({ tenant: value(e) })}
            spellcheck={false}
          />
        </Field>
        <CheckField
          id="multiTenant"
          label={t('fieldMultiTenant')}
          checked={!!settings.multiTenant}
          onChange={(multiTenant) => update({ multiTenant })}
        />
        <Field id="cloud" label={t('fieldCloud')}>
          <select id="cloud" value={settings.cloud} onChange={(e) => update({ cloud: value(e) as CloudId })}>
            {CLOUD_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`cloud_${id}`)}
              </option>
            ))}
          </select>
        </Field>
        {settings.cloud === 'custom' && (
          <>
            <Field id="customAuthority" label={t('fieldCustomAuthority')} problem={problems.customAuthority}>
              <input
                {...describedBy('customAuthority', problems.customAuthority)}
                value={settings.customAuthority}
                onInput={(e) => update({ customAuthority: value(e) })}
                spellcheck={false}
              />
            </Field>
            <Field id="customGraph" label={t('fieldCustomGraph')} problem={problems.customGraph}>
              <input
                {...describedBy('customGraph', problems.customGraph)}
                value={settings.customGraph}
                onInput={(e) => update({ customGraph: value(e) })}
                spellcheck={false}
              />
            </Field>
          </>
        )}
        <CheckField
          id="askAllAtSignIn"
          label={t('fieldAskAll')}
          hint={t('askAllHint')}
          checked={!!settings.askAllAtSignIn}
          onChange={(askAllAtSignIn) => update({ askAllAtSignIn })}
        />
        <Field
          id="lookupWindow"
          label={t('fieldLookupWindow')}
          problem={problems.lookupWindow}
          hint={t('lookupWindowHint')}
        >
          <input
            {...describedBy('lookupWindow', problems.lookupWindow, t('lookupWindowHint'))}
            type="number"
            min={0}
            max={MAX_LOOKUP_WINDOW_S}
            step={1}
            value={settings.lookupWindowSeconds}
            onInput={(e) => update({ lookupWindowSeconds: e.currentTarget.valueAsNumber })}
          />
        </Field>
        <h2>{t('sectionDefaults')}</h2>
        <RedirectUrlField
          value={settings.defaults.redirectUrl}
          problem={problems.redirectUrl}
          onInput={(redirectUrl) => updateDefaults({ redirectUrl })}
        />
        <CheckField
          label={t('fieldSendMail')}
          checked={settings.defaults.sendMail}
          onChange={(sendMail) => updateDefaults({ sendMail })}
        />
        <Field id="message" label={t('fieldMessage')} problem={problems.message}>
          <textarea
            {...describedBy('message', problems.message)}
            rows={3}
            value={settings.defaults.message}
            onInput={(e) => updateDefaults({ message: value(e) })}
          />
        </Field>
        <Field id="language" label={t('fieldLanguage')}>
          <select
            id="language"
            value={settings.defaults.messageLanguage}
            onChange={(e) => updateDefaults({ messageLanguage: value(e) })}
          >
            <option value="">{t('languageBrowser', [uiLanguage()])}</option>
            {MESSAGE_LANGUAGES.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </Field>
        <DirectoryPicker
          kind="searchPeople"
          name="sponsor"
          label={t('fieldDefaultSponsors')}
          placeholder={t('sponsorsSearch')}
          hint={t('defaultSponsorsHint')}
          value={settings.defaults.sponsors ?? []}
          onChange={(sponsors) => updateDefaults({ sponsors: sponsors.length ? sponsors : undefined })}
          max={MAX_SPONSORS}
        />
        <CheckField
          id="inviteImmediately"
          label={t('fieldInviteImmediately')}
          checked={settings.inviteImmediately}
          onChange={(inviteImmediately) => update({ inviteImmediately })}
        />
        <CheckField
          id="keepRedeemLinks"
          label={t('fieldKeepRedeemLinks')}
          hint={t('keepRedeemLinksHint')}
          checked={settings.keepRedeemLinks}
          onChange={(keepRedeemLinks) => update({ keepRedeemLinks })}
        />
        <h2>{t('sectionShortcuts')}</h2>
        <dl class="shortcuts" data-testid="shortcuts">
          {shortcuts.map((c) => (
            <div key={c.name}>
              <dt>{c.name === '_execute_action' ? t('commandOpenPopup') : c.description}</dt>
              <dd>{c.shortcut ? <kbd>{c.shortcut}</kbd> : t('shortcutNone')}</dd>
            </div>
          ))}
        </dl>
        <p class="hint">{t('shortcutsHelp')}</p>
        <div class="row">
          <button type="submit" class="primary" data-testid="save">
            {t('save')}
          </button>
          <span role="status" aria-live="polite">
            {saved ? t('saved') : announcement}
          </span>
        </div>
      </form>
      <TestConnection />
      <footer class="row">
        <a class="link" href="../privacy.txt" target="_blank" data-testid="privacy-link">
          {t('privacyPolicy')}
        </a>
      </footer>
    </main>
  );
}

localizeDocument('optionsTitle');
render(<Options />, document.getElementById('app')!);
