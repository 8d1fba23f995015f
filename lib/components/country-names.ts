import type { CountryCode } from 'libphonenumber-js';
import { listCountries } from '@/lib/phone';
import { intlTagFor, type Locale } from '@/lib/i18n';

/** One entry of the country selector. */
export interface CountryOption {
  code: CountryCode;
  /** e.g. "Japan (+81)" or "日本 (+81)". */
  label: string;
  /** The country's name alone, for messages ("not a valid mobile number for Japan"). */
  name: string;
}

/**
 * Every country libphonenumber-js knows, named in the page's language and sorted by that name,
 * so a person finds theirs where they expect it; only the allowlist's (PHONE_COUNTRIES) when given. Call it on the server and pass the result as a
 * prop: Node's and the browser's ICU name some countries differently, which breaks hydration.
 * @see https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/DisplayNames
 */
export function countryOptions(
  locale: Locale,
  allowlist?: readonly CountryCode[],
): CountryOption[] {
  const names = new Intl.DisplayNames([intlTagFor(locale)], { type: 'region' });
  const collator = new Intl.Collator(intlTagFor(locale));
  return listCountries()
    .filter(({ code }) => allowlist === undefined || allowlist.includes(code))
    .map(({ code, callingCode }) => {
      const name = names.of(code) ?? code;
      return { code, name, label: `${name} (+${callingCode})` };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}
