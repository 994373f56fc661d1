// The extension's storage as our pages and the background use it: the Store over the browser's areas.
import { storageBackend } from '../platform/browser';
import { History } from './history';
import { Store } from './storage';

export const store = new Store(storageBackend, (key, issues) =>
  console.warn(`The stored ${key} could not be read and was set aside: ${issues}`),
);
export const history = new History(store);
