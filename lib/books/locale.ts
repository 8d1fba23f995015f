import { chooseLocale, LOCALES, supportedLocale, type Locale } from '@/lib/i18n/locales';

export type LocaleChoice = { ok: true; locale: Locale } | { ok: false; message: string };

/**
 * The locale an API response is priced in: `?locale=` when given (and then it must be one we
 * support, exactly), else the request's language as the pages choose it (lib/i18n/locales.ts).
 */
export function localeForApiRequest(
  queryLocale: string | string[] | undefined,
  acceptLanguage: string | undefined,
): LocaleChoice {
  if (queryLocale === undefined) return { ok: true, locale: chooseLocale({ acceptLanguage }) };
  const value = Array.isArray(queryLocale) ? queryLocale[0] : queryLocale;
  const supported = supportedLocale(value);
  return supported
    ? { ok: true, locale: supported }
    : {
        ok: false,
        message: `locale must be one of ${LOCALES.join(', ')} (got ${JSON.stringify(value)}).`,
      };
}
