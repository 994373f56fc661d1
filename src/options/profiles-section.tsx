// The options page's profiles: which one is in use, adding and removing one, and sharing them as a
// file (settings only: no account, no token). The form below edits the profile in use.
import { useRef, useState } from 'preact/hooks';
import type { UserError } from '../core/graph-errors';
import { t } from '../shared/i18n';
import { store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import {
  addProfile,
  allProfiles,
  exportProfiles,
  importProfiles,
  MAX_PROFILES,
  profileLabel,
  removeActiveProfile,
  switchProfile,
} from '../storage/profiles';
import type { Settings } from '../storage/settings';
import { api } from '../ui/api';
import { Confirm } from '../ui/confirm';
import { download } from '../ui/download';
import { ErrorBox } from '../ui/field';

interface Props {
  /** The settings as stored (not the form's unsaved edits). */
  stored: Settings;
  /** Called with the settings just written, and what to announce (the page has one status line). */
  onChanged: (settings: Settings, announcement: string) => void;
  /** The last change's words, shown here too: the page's status line is at the bottom of the form. */
  note: string;
}

export function ProfilesSection({ stored, onChanged, note }: Props) {
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<UserError>();
  const picker = useRef<HTMLInputElement>(null);
  const profiles = allProfiles(stored);
  const label = (p: { name: string; tenant: string }) => profileLabel(p) || t('profileUnnamed');

  const write = async (next: Settings, announcement: string) => {
    await store.write('settings', next);
    firstView.forget();
    setError(undefined);
    onChanged(next, announcement);
  };
  /** Edits what is stored now: the popup may have switched profiles since this page read them. */
  const change = async (edit: (settings: Settings) => Settings, announcement: (next: Settings) => string) => {
    const next = edit(await store.read('settings'));
    await write(next, announcement(next));
  };

  const remove = async () => {
    // The profile's sign-in goes with it: its tokens are of no use to anyone any more.
    const reply = await api('signOut', { everywhere: false });
    setRemoving(false);
    if (!reply.ok && reply.error.key !== 'errNotConfigured') return setError(reply.error);
    await change(removeActiveProfile, (next) => t('profileRemoved', [label(stored), label(next)]));
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = importProfiles(await store.read('settings'), await file.text(), () => crypto.randomUUID());
    if (!result.ok) {
      const problem = result.profile
        ? t('errImportProfile', [
            String(result.profile[0]),
            result.profile[1],
            t(result.problem.key, result.problem.subs),
          ])
        : t(result.problem.key, result.problem.subs);
      return setError({ key: 'errImportFailed', subs: [problem] });
    }
    await write(result.settings, t('profilesImported', [String(result.added), String(result.replaced)]));
  };

  return (
    <section aria-labelledby="profiles-title" data-testid="profiles">
      <h2 id="profiles-title">{t('sectionProfiles')}</h2>
      <p class="hint">{t('profilesHint')}</p>
      <div class="field">
        <label for="profile">{t('fieldProfile')}</label>
        <select
          id="profile"
          value={stored.id}
          onChange={(e) => {
            const id = e.currentTarget.value;
            void change(
              (settings) => switchProfile(settings, id),
              (next) => t('profileSwitched', [label(next)]),
            );
          }}
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {label(p)}
            </option>
          ))}
        </select>
      </div>
      {removing ? (
        <Confirm
          testId="confirm-remove-profile"
          text={t('removeProfileConfirm', [label(stored)])}
          action={t('removeProfile')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(false)}
        />
      ) : (
        <div class="row">
          <button
            type="button"
            disabled={profiles.length >= MAX_PROFILES}
            onClick={() =>
              void change(
                (s) => addProfile(s, crypto.randomUUID()),
                () => t('profileAdded'),
              )
            }
            data-testid="add-profile"
          >
            {t('addProfile')}
          </button>
          <button
            type="button"
            disabled={profiles.length < 2}
            onClick={() => setRemoving(true)}
            data-testid="remove-profile"
          >
            {t('removeProfile')}
          </button>
          <button
            type="button"
            onClick={() => download(exportProfiles(stored), 'guest-invite-profiles.json', 'application/json')}
            data-testid="export-profiles"
          >
            {t('exportProfiles')}
          </button>
          <button type="button" onClick={() => picker.current?.click()} data-testid="import-profiles">
            {t('importProfiles')}
          </button>
          <input
            ref={picker}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => void importFile(e.currentTarget)}
            data-testid="import-file"
          />
        </div>
      )}
      {note && (
        <p class="hint" aria-hidden="true" data-testid="profiles-note">
          {note}
        </p>
      )}
      {error && <ErrorBox error={error} />}
    </section>
  );
}
