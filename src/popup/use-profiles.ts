// The popup's profile switcher: the profiles there are, the one in use, and switching, which starts
// the popup afresh for the other directory (its account, its defaults, its look-ups). Runs already
// queued go on in their own directory (see the queue runner).
import { useEffect, useState } from 'preact/hooks';
import { configKey } from '../core/clouds';
import { store } from '../storage/browser-store';
import { firstView } from '../storage/first-view';
import { allProfiles, profileLabel, switchProfile } from '../storage/profiles';
import { authConfigOf } from '../storage/settings';

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
}

export function useProfiles(): Profiles {
  const [state, setState] = useState<Omit<Profiles, 'choose'>>({
    choices: [],
    active: undefined,
    activeKey: undefined,
  });
  useEffect(() => {
    void store.read('settings').then((settings) =>
      setState({
        choices: allProfiles(settings).map((p) => ({ id: p.id, label: profileLabel(p) })),
        active: settings.id,
        activeKey: configKey(authConfigOf(settings)),
      }),
    );
  }, []);
  const choose = (id: string) =>
    void store.read('settings').then(async (settings) => {
      await store.write('settings', switchProfile(settings, id));
      firstView.forget();
      location.reload();
    });
  return { ...state, choose };
}
