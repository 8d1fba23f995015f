import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

export type PhoneInputError = 'empty' | 'too_short' | 'too_long' | 'invalid' | 'invalid_country';
export type PhoneInput = { ok: true; e164: string } | { ok: false; reason: PhoneInputError };

const MAX_INPUT_LENGTH = 32;

/**
 * Validates the country + national number the phone form posts (a number typed with `+` wins over
 * the selector), with libphonenumber-js metadata rather than a regex.
 * @see https://gitlab.com/catamphetamine/libphonenumber-js#readme
 */
export function parseSubmittedPhone(
  country: string,
  input: string,
  testPhones: ReadonlyMap<string, string> = new Map(),
): PhoneInput {
  const typed = input.trim();
  if (typed === '') return { ok: false, reason: 'empty' };
  if (typed.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too_long' };
  const international = typed.startsWith('+');
  if (!international && !isSupportedCountry(country))
    return { ok: false, reason: 'invalid_country' };
  const parsed = parsePhoneNumberFromString(
    typed,
    international ? undefined : (country as CountryCode),
  );
  if (!parsed) {
    return { ok: false, reason: typed.replace(/\D/g, '').length < 4 ? 'too_short' : 'invalid' };
  }
  // Fixed test numbers are often fictional (555-01xx), so they skip the numbering-plan check.
  if (!parsed.isValid() && !testPhones.has(parsed.number)) {
    const length = parsed.nationalNumber.length;
    return { ok: false, reason: length < 6 ? 'too_short' : length > 12 ? 'too_long' : 'invalid' };
  }
  return { ok: true, e164: parsed.number };
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
