/**
 * The locales the app and logto-local speak, and how a request's language is chosen: one home,
 * read by next.config.ts (Pages Router i18n: `en` unprefixed, `ja` under `/ja`), the messages, the
 * catalogue's prices and logto-local's pages. Plain code, free of React and Next, so the config
 * and logto-local can import it.
 * @see https://nextjs.org/docs/pages/guides/internationalization
 */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Narrows a locale string (Next's `router.locale`, a query value) to one we support, exactly. */
export function supportedLocale(value: string | undefined): Locale | undefined {
  return LOCALES.find((locale) => locale === value);
}

/**
 * The first of some BCP 47 language tags whose language we speak, by primary subtag
 * (`ja-JP` → `ja`, `EN` → `en`); tags in other languages are skipped one by one.
 * @see https://www.rfc-editor.org/rfc/rfc5646#section-2.2.1
 */
export function firstSupportedLocale(tags: Iterable<string>): Locale | undefined {
  for (const tag of tags) {
    const supported = supportedLocale(tag.trim().toLowerCase().split('-')[0]);
    if (supported) return supported;
  }
  return undefined;
}

/**
 * The language to answer in: the first of `uiLocales` we speak (space-separated tags, as OpenID
 * Connect's `ui_locales`), else the browser's Accept-Language by q-value, else English.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest (ui_locales)
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-accept-language
 */
export function chooseLocale(request: { uiLocales?: string; acceptLanguage?: string }): Locale {
  return (
    firstSupportedLocale(request.uiLocales?.split(' ') ?? []) ??
    firstSupportedLocale(byPreference(request.acceptLanguage ?? '')) ??
    DEFAULT_LOCALE
  );
}

/** Accept-Language's tags, most preferred first; `q=0` means "not this one". */
function byPreference(acceptLanguage: string): string[] {
  return acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}
