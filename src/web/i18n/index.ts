import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zhCN, type Messages } from './zh-CN';
import { en } from './en';
import { initialLang, persistLang, pick, type Lang } from '../lib/lang';
import type { Text } from '../../core/text';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const startLang = initialLang();

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: startLang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
persistLang(startLang);
dayjs.locale(startLang === 'en' ? 'en' : 'zh-cn');

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

export async function changeLang(lang: Lang): Promise<void> {
  persistLang(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  await i18next.changeLanguage(lang);
}

/** The current language and a picker for server texts ({ zh, en }). */
export function useLang(): { lang: Lang; tx: (text: Text | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const tx = useCallback((text: Text | null | undefined) => pick(text, lang), [lang]);
  return { lang, tx };
}

export default i18next;
