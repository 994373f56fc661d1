// The extension's storage as our pages and the background use it: the Store over the browser's areas.
import { platform, storageBackend } from '../platform/browser';
import { t } from '../shared/i18n';
import { History } from './history';
import { Store } from './storage';

/** Unreadable saved data is set aside (see Store.read) and the user told, once, in plain words. */
export const store = new Store(storageBackend, (key, issues) => {
  console.warn(`The stored ${key} could not be read and was set aside: ${issues}`);
  void platform.notify(t('storedDataSetAside', [t(`data_${key}`)]));
});
export const history = new History(store);
