import { type CountryCode, isSupportedCountry } from 'libphonenumber-js';

/**
 * The environment variable that narrows the countries people can sign in from, e.g.
 * `PHONE_COUNTRIES=JP,US`: the app's country selector offers only these, its form and logto-local
 * refuse a number from any other, and logto-local sends no code to one. Unset: every country.
 * On a real tenant, apply the same list in Vonage's dashboard (SMS country restrictions): it is
 * what stops a code going elsewhere. One setting, read by the app and logto-local alike.
 * @see ../README.md#what-bounds-sms-pumping
 */
export const PHONE_COUNTRIES_VARIABLE = 'PHONE_COUNTRIES';

/** Raised for a list that names something other than ISO 3166 country codes. */
export class PhoneCountriesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhoneCountriesError';
  }
}

/**
 * The allowlist from `PHONE_COUNTRIES` (comma- or space-separated ISO 3166-1 alpha-2 codes, any
 * case), or undefined when it is unset or empty, meaning every country. A code libphonenumber does
 * not know is refused by name, so a typo never silently shuts a country out.
 */
export function readPhoneCountries(
  env: Readonly<Record<string, string | undefined>>,
): readonly CountryCode[] | undefined {
  const raw = env[PHONE_COUNTRIES_VARIABLE]?.trim();
  if (!raw) return undefined;
  const codes = raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
  const unknown = codes.filter((code) => !isSupportedCountry(code));
  if (unknown.length > 0) {
    throw new PhoneCountriesError(
      `${PHONE_COUNTRIES_VARIABLE} must list country codes like JP,US; ${unknown.map((code) => JSON.stringify(code)).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one (got ${JSON.stringify(raw)}).`,
    );
  }
  return [...new Set(codes)] as CountryCode[];
}

/** Whether a number's country may be used: always when there is no allowlist. */
export function countryAllowed(
  country: CountryCode | undefined,
  allowlist: readonly CountryCode[] | undefined,
): boolean {
  return allowlist === undefined || (country !== undefined && allowlist.includes(country));
}
