import browser from './browser';

/** A UI string from _locales; the key itself when missing so a gap is visible, not blank. */
export function t(key: string, subs?: string[]): string {
  return browser.i18n.getMessage(key, subs) || key;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** Title and language of an extension page, from the browser's UI language. */
export function localizeDocument(titleKey: string): void {
  document.title = t(titleKey);
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}
