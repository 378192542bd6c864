import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, vi, type Messages } from './messages';

export type Language = 'vi' | 'en';
const STORAGE_KEY = 'dondoc.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The text for a key, with {name} placeholders filled. */
  t(key: keyof Messages, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi',
  );
  const value = useMemo<I18n>(() => {
    const messages = language === 'en' ? en : vi;
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
      t(key, values) {
        let text = messages[key];
        for (const [name, v] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, String(v));
        return text;
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
