import { i18nApi } from '../platform/browser';

/** A UI string from _locales; the key itself when missing so a gap is visible, not blank. */
export function t(key: string, subs?: string[]): string {
  return i18nApi.getMessage(key, subs) || key;
}

export function uiLanguage(): string {
  return i18nApi.getUILanguage();
}

/** Title and language of an extension page, from the browser's UI language. */
export function localizeDocument(titleKey: string): void {
  document.title = t(titleKey);
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = i18nApi.getMessage('@@bidi_dir') || 'ltr';
}
