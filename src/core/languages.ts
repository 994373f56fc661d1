// Languages Microsoft's invitation email can be sent in (messageLanguage, ISO 639 + region).
export const MESSAGE_LANGUAGES = [
  'ar-SA',
  'bg-BG',
  'ca-ES',
  'cs-CZ',
  'da-DK',
  'de-DE',
  'el-GR',
  'en-GB',
  'en-US',
  'es-ES',
  'et-EE',
  'eu-ES',
  'fi-FI',
  'fr-FR',
  'gl-ES',
  'he-IL',
  'hi-IN',
  'hr-HR',
  'hu-HU',
  'id-ID',
  'it-IT',
  'ja-JP',
  'kk-KZ',
  'ko-KR',
  'lt-LT',
  'lv-LV',
  'ms-MY',
  'nb-NO',
  'nl-NL',
  'pl-PL',
  'pt-BR',
  'pt-PT',
  'ro-RO',
  'ru-RU',
  'sk-SK',
  'sl-SI',
  'sr-Latn-RS',
  'sv-SE',
  'th-TH',
  'tr-TR',
  'uk-UA',
  'vi-VN',
  'zh-CN',
  'zh-HK',
  'zh-TW',
] as const;

/** The supported language closest to a browser locale: exact tag, then same language. */
export function closestMessageLanguage(locale: string): string {
  const wanted = locale.replace('_', '-').toLowerCase();
  const exact = MESSAGE_LANGUAGES.find((tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return MESSAGE_LANGUAGES.find((tag) => tag.toLowerCase().startsWith(`${language}-`)) ?? 'en-US';
}
