import type { Text } from '../../core/text';

export type Lang = 'zh-CN' | 'en';

export const LANG_COOKIE = 'zs_lang';
const STORAGE_KEY = 'zs_lang';

export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage may be unavailable (private mode): fall through
  }
  const cookie = document.cookie.split(';').map((s) => s.trim()).find((s) => s.startsWith(`${LANG_COOKIE}=`));
  if (cookie?.endsWith('=en')) return 'en';
  return 'zh-CN';
}

/** Remembers the language and tells the server (its messages follow the zs_lang cookie). */
export function persistLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
}

export function pick(text: Text | null | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' ? text.en : text.zh;
}
