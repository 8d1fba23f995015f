import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';
import { parsePhone, type PhoneError } from '../../lib/phone';
import { countryAllowed } from '../../lib/phone-countries';

/** Why a typed number was refused: the app's reasons, or a country PHONE_COUNTRIES leaves out. */
export type PhoneInputError = PhoneError | 'country_not_allowed';
export type PhoneInput = { ok: true; e164: string } | { ok: false; reason: PhoneInputError };

/**
 * Validates the country + national number the phone form posts (a number typed with `+` wins over
 * the selector) by the app's own rules (lib/phone.ts: mobile numbering plans), so logto-local
 * never accepts a number the app refuses, or the other way round.
 */
export function parseSubmittedPhone(
  country: string,
  input: string,
  testPhones: ReadonlyMap<string, string> = new Map(),
  allowlist?: readonly CountryCode[],
): PhoneInput {
  const typed = input.trim();
  const international = typed.startsWith('+');
  if (typed !== '' && !international && !isSupportedCountry(country)) {
    return { ok: false, reason: 'invalid_country' };
  }
  const region = international ? undefined : (country as CountryCode);
  const result = parsePhone(typed, region);
  if (result.ok) {
    return countryAllowed(result.phone.country, allowlist)
      ? { ok: true, e164: result.phone.e164 }
      : { ok: false, reason: 'country_not_allowed' };
  }
  // Fixed test numbers are often fictional (555-01xx), so they skip the numbering-plan check.
  const candidate = parsePhoneNumberFromString(typed, region)?.number;
  if (candidate && testPhones.has(candidate)) return { ok: true, e164: candidate };
  return { ok: false, reason: result.reason };
}

/** Splits `login_hint` (E.164, e.g. `+819012345678`) into the selector's country and the national number. */
export function prefillFromLoginHint(
  loginHint: string | undefined,
  fallbackCountry: CountryCode,
): { country: CountryCode; national: string } {
  const parsed = loginHint?.startsWith('+') ? parsePhoneNumberFromString(loginHint) : undefined;
  if (!parsed?.country) return { country: fallbackCountry, national: '' };
  return { country: parsed.country, national: parsed.formatNational() };
}

/**
 * Shows a number the way people read it abroad while keeping national grouping, as Logto's
 * pages do: `+81 90-1234-5678`.
 */
export function displayPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const national = parsed.formatNational();
  return national.startsWith('0')
    ? `+${parsed.countryCallingCode} ${national.slice(1)}`
    : parsed.formatInternational();
}
