import { useRouter } from 'next/router';
import { en, type Messages } from './en';
import { ja } from './ja';
import { DEFAULT_LOCALE, supportedLocale, type Locale } from './locales';

export type { Messages, AuthErrorText } from './en';
export { AUTH_ERROR_CODES, toAuthErrorCode, type AuthErrorCode } from './auth-error-codes';

export { LOCALES, DEFAULT_LOCALE, type Locale } from './locales';

const MESSAGES: Record<Locale, Messages> = { en, ja };

/** Narrows Next's `router.locale` (a plain string) to a locale we have messages for. */
export function toLocale(locale: string | undefined): Locale {
  return supportedLocale(locale) ?? DEFAULT_LOCALE;
}

/** The messages for a locale; unknown locales get English. */
export function messagesFor(locale: string | undefined): Messages {
  return MESSAGES[toLocale(locale)];
}

/**
 * The messages for the page's locale, read from the Pages Router (`/ja/...` → Japanese).
 * @see https://nextjs.org/docs/pages/guides/internationalization
 */
export function useMessages(): Messages {
  return messagesFor(useRouter().locale);
}

/** The page's locale, narrowed to one we support (also what Logto gets as `ui_locales`). */
export function useLocale(): Locale {
  return toLocale(useRouter().locale);
}

/** The BCP 47 tag to format dates and numbers with for a locale. */
export function intlTagFor(locale: Locale): string {
  return locale === 'ja' ? 'ja-JP' : 'en-US';
}
