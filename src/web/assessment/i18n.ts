/**
 * The assessment pages' texts as their own i18next namespace ('assessment'), added to the app's i18next
 * instance next to the shell's 'translation' namespace. `useAt()` gives a translator typed on this
 * namespace's keys (named `at` so it is never mistaken for the shell's `t`).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { assessmentZh } from './messages.zh-CN';
import { assessmentEn } from './messages.en';

export const ASSESSMENT_NS = 'assessment';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the namespace, e.g. 'save.saved'. */
export type AKey = Leaves<typeof assessmentZh>;
export type AVars = Record<string, string | number>;
export type At = (key: AKey, vars?: AVars) => string;

function register(): void {
  i18n.addResourceBundle('zh-CN', ASSESSMENT_NS, assessmentZh, true, true);
  i18n.addResourceBundle('en', ASSESSMENT_NS, assessmentEn, true, true);
}

// The shell initialises i18next when '../i18n' is first imported (before any page loads); be safe anyway.
if ((i18n as { store?: unknown }).store) register();
else i18n.on('initialized', register);

type Loose = (key: string, options?: AVars) => string;

/** The translator of the 'assessment' namespace in the current language (re-renders on a language change). */
export function useAt(): At {
  const { i18n: instance } = useTranslation();
  const lang = instance.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => {
    // The app's i18next types only know the shell's namespace; this one is typed by AKey instead.
    const getFixedT = instance.getFixedT.bind(instance) as unknown as (lng: string, ns: string) => Loose;
    const fixed = getFixedT(lang, ASSESSMENT_NS);
    return (key: AKey, vars?: AVars) => fixed(key, vars);
  }, [instance, lang]);
}
