// A notification for what happens with no window to show it in (menu invitations, background runs).
import browser from '../shared/browser';
import { t } from '../shared/i18n';

export function notify(message: string): Promise<string> {
  return browser.notifications.create({ type: 'basic', iconUrl: browser.runtime.getURL('icons/128.png'), title: t('extName'), message });
}
