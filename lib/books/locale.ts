import { DEFAULT_LOCALE, LOCALES, supportedLocale, type Locale } from '@/lib/i18n/locales';

/** The catalogue is priced in every locale of the app. */
export type CatalogueLocale = Locale;

export type LocaleChoice = { ok: true; locale: CatalogueLocale } | { ok: false; message: string };

/**
 * Picks the locale for an API response: `?locale=` when given (and then it must be one we
 * support), else the first supported language in Accept-Language, else `en`.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-accept-language
 */
export function chooseLocale(
  queryLocale: string | string[] | undefined,
  acceptLanguage: string | undefined,
): LocaleChoice {
  if (queryLocale !== undefined) {
    const value = Array.isArray(queryLocale) ? queryLocale[0] : queryLocale;
    const supported = supportedLocale(value);
    return supported
      ? { ok: true, locale: supported }
      : {
          ok: false,
          message: `locale must be one of ${LOCALES.join(', ')} (got ${JSON.stringify(value)}).`,
        };
  }
  return { ok: true, locale: fromAcceptLanguage(acceptLanguage) };
}

function fromAcceptLanguage(header: string | undefined): CatalogueLocale {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {
        language: tag.toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
      };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { language } of ranked) {
    const supported = supportedLocale(language);
    if (supported) return supported;
  }
  return DEFAULT_LOCALE;
}
