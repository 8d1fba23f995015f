import type { CountryCode } from 'libphonenumber-js';
import type { Locale } from '../../lib/i18n/locales';

/**
 * The refusal for a number from a country outside PHONE_COUNTRIES (lib/phone-countries.ts),
 * naming the countries that are taken.
 */
export function countryNotAllowedMessage(
  locale: Locale,
  allowlist: readonly CountryCode[],
): string {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(
    allowlist.map((code) => names.of(code) ?? code),
  );
  return locale === 'ja'
    ? `この国・地域の電話番号ではサインインできません。${list}の番号をお使いください。`
    : `Numbers from this country or region cannot sign in here. Use a number from ${list}.`;
}
