/**
 * The app's locales: one home, read by next.config.ts (Pages Router i18n: `en` unprefixed, `ja`
 * under `/ja`), the messages and the catalogue's prices. Kept free of React so the config can
 * import it.
 * @see https://nextjs.org/docs/pages/guides/internationalization
 */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Narrows a locale string (Next's `router.locale`, a query value) to one the app supports. */
export function supportedLocale(value: string | undefined): Locale | undefined {
  return LOCALES.find((locale) => locale === value);
}
