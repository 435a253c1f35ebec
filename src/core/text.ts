/** A user-facing text in Simplified Chinese first, with its complete English translation. */
export interface Text {
  zh: string;
  en: string;
}

export type Locale = 'zh-CN' | 'en';

export function t(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
