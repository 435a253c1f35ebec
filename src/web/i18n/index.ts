import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zhCN, type Messages } from './zh-CN';
import { initialLang, persistLang, pick, type Lang } from '../lib/lang';
import type { Text } from '../../core/text';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * Simplified Chinese (the main and fallback language) is part of the first page's JavaScript; English is a separate
 * chunk, loaded only when it is needed: before the first render when the visitor starts in English (main.tsx waits
 * for `i18nReady`), or by changeLang('en') before it switches.
 */
let englishLoading: Promise<void> | null = null;

function loadLang(lang: Lang): Promise<void> {
  if (lang === 'zh-CN' || i18next.hasResourceBundle('en', 'translation')) return Promise.resolve();
  englishLoading ??= import('./en')
    .then(({ en }) => {
      i18next.addResourceBundle('en', 'translation', en, true, true);
    })
    .finally(() => {
      englishLoading = null;
    });
  return englishLoading;
}

function applyLang(lang: Lang): void {
  persistLang(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

const startLang = initialLang();

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: startLang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLang(startLang);

/** Resolves once the start language's messages are in place (at once for zh-CN); render only after it. */
export const i18nReady: Promise<void> = loadLang(startLang).catch(async (err: unknown) => {
  // The English chunk could not be loaded (e.g. offline after a deploy): show the page in Simplified Chinese.
  console.warn('English messages could not be loaded; continuing in Simplified Chinese', err);
  applyLang('zh-CN');
  await i18next.changeLanguage('zh-CN');
});

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/**
 * Loads the language's messages if needed, then switches to it. False when they could not be loaded: the language
 * stays as it was (the caller tells the user).
 */
export async function changeLang(lang: Lang): Promise<boolean> {
  try {
    await loadLang(lang);
  } catch (err: unknown) {
    console.warn(`Messages for ${lang} could not be loaded; the language stays ${currentLang()}`, err);
    return false;
  }
  applyLang(lang);
  await i18next.changeLanguage(lang);
  return true;
}

/** The current language and a picker for server texts ({ zh, en }). */
export function useLang(): { lang: Lang; tx: (text: Text | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const tx = useCallback((text: Text | null | undefined) => pick(text, lang), [lang]);
  return { lang, tx };
}

export default i18next;
