// The popup's profile switcher: the profiles there are, the one in use, and switching, which starts
// the popup afresh for the other directory (its account, its defaults, its look-ups). Runs already
// queued go on in their own directory (see the queue runner).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { configKey } from '../core/clouds';
import { store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import { allProfiles, profileLabel, switchProfile } from '../storage/profiles';
import { authConfigOf, type Settings } from '../storage/settings';

export interface ProfileChoice {
  id: string;
  label: string;
}

export interface Profiles {
  choices: ProfileChoice[];
  active: string | undefined;
  /** The directory in use (clouds.ts configKey): the queue labels runs of others. */
  activeKey: string | undefined;
  choose: (id: string) => void;
  /** The settings as read on opening (the popup's one read of them). */
  settings: Settings | undefined;
}

export function useProfiles(): Profiles {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => void store.read('settings').then(setSettings), []);
  const choose = (id: string) =>
    void store.read('settings').then(async (settings) => {
      await store.write('settings', switchProfile(settings, id));
      firstView.forget();
      location.reload();
    });
  const derived = useMemo(
    () => ({
      choices: settings ? allProfiles(settings).map((p) => ({ id: p.id, label: profileLabel(p) })) : [],
      active: settings?.id,
      activeKey: settings && configKey(authConfigOf(settings)),
    }),
    [settings],
  );
  return { ...derived, choose, settings };
}
