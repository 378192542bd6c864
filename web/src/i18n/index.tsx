import { createContext, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { ApiError, setRequestLanguage } from '../api/client';
import { errorMessage, isErrorCode, type ErrorCode, type ErrorParams } from '../../../src/http/error-catalogue';
import { en, vi, type Messages } from './messages';

export type Language = 'vi' | 'en';
export type Translate = (key: keyof Messages, values?: Record<string, string | number>) => string;
const STORAGE_KEY = 'dondoc.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The text for a key, with {name} placeholders filled. */
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    // Storage can be unavailable (privacy settings); Vietnamese is the default anyway.
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  // Before paint, so date pickers and screen readers never see the other language.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    setRequestLanguage(language);
    dayjs.locale(language);
  }, [language]);

  const value = useMemo<I18n>(() => {
    const messages = language === 'en' ? en : vi;
    return {
      language,
      setLanguage(next) {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // The switch still works for this visit.
        }
        setLanguageState(next);
      },
      t(key, values) {
        let text = messages[key];
        for (const [name, v] of Object.entries(values ?? {})) text = text.replaceAll(`{${name}}`, String(v));
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

export function useT(): Translate {
  return useI18n().t;
}

/**
 * The text to show for a failed request: the error catalogue's message for its code in the user's language, from
 * the parameters the answer carried. An answer with a code the catalogue does not know (a newer server) keeps the
 * server's own text.
 */
export function useErrorText(): (error: unknown) => string {
  const { language, t } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError)) return t('errorGeneric');
    return isErrorCode(error.code) ? (catalogueText(error.code, error.body, language) ?? error.message) : error.message;
  };
}

function catalogueText(code: ErrorCode, body: Record<string, unknown>, language: Language): string | null {
  try {
    // The parameters are the answer's own fields; the server wrote them from the same catalogue.
    return errorMessage(code, body as ErrorParams<ErrorCode>, language);
  } catch {
    // An answer without the parameters its message needs: the server's text says it in both languages.
    return null;
  }
}
