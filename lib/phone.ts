import {
  AsYouType,
  type CountryCode,
  getCountryCallingCode,
  getCountries,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
// The code goes out by SMS, so validity is judged against mobile numbering plans. The default
// (min) metadata checks length only and would accept e.g. "0012345678" for Japan.
import { parsePhoneNumberFromString as parseMobileNumber } from 'libphonenumber-js/mobile';

/** A phone number we have validated, in the shapes the app and Logto need. */
export interface ParsedPhone {
  /** E.164 with a leading `+`, e.g. `+819012345678` (what `login_hint` carries). */
  e164: string;
  /** Digits only, e.g. `819012345678` (what Logto's `phone_number` claim and Vonage's `to` use). */
  digits: string;
  /** The number as written at home, e.g. `090-1234-5678`. */
  national: string;
  /** The number as written abroad, e.g. `+81 90 1234 5678`. */
  international: string;
  country: CountryCode | undefined;
}

export type PhoneParseResult = { ok: true; phone: ParsedPhone } | { ok: false; reason: PhoneError };

/** Why a phone number was refused, so the UI can say what to fix. */
export type PhoneError = 'empty' | 'too_short' | 'too_long' | 'invalid_country' | 'invalid';

const MAX_INPUT_LENGTH = 32;

/**
 * Parses what a person typed (national or international) into a validated mobile number.
 * Uses libphonenumber-js's mobile metadata, so "valid" means a real mobile numbering plan, not a
 * regex and not just a plausible length.
 * @see https://gitlab.com/catamphetamine/libphonenumber-js#readme
 */
export function parsePhone(input: string, defaultCountry?: CountryCode): PhoneParseResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too_long' };
  const parsed = parseMobileNumber(trimmed, defaultCountry);
  if (!parsed) {
    const digitCount = trimmed.replace(/\D/g, '').length;
    return { ok: false, reason: digitCount < 4 ? 'too_short' : 'invalid' };
  }
  if (!parsed.isValid()) {
    const possibility = parsed.isPossible() ? 'invalid' : tooShortOrLong(parsed.nationalNumber);
    return { ok: false, reason: possibility };
  }
  return {
    ok: true,
    phone: {
      e164: parsed.number,
      digits: parsed.number.slice(1),
      national: parsed.formatNational(),
      international: parsed.formatInternational(),
      country: parsed.country,
    },
  };
}

function tooShortOrLong(nationalNumber: string): PhoneError {
  return nationalNumber.length < 6
    ? 'too_short'
    : nationalNumber.length > 12
      ? 'too_long'
      : 'invalid';
}

/**
 * Turns Logto's `phone_number` claim (digits only, no `+`, e.g. `819012345678`) into E.164.
 * Returns null for an empty claim; keeps a `+` if a provider already sent one.
 * @see https://docs.logto.io/user-management/user-data#phone_number
 */
export function logtoPhoneToE164(claim: string | null | undefined): string | null {
  if (!claim) return null;
  const digits = claim.replace(/\D/g, '');
  if (digits === '') return null;
  return `+${digits}`;
}

/** Formats an E.164 number for display; falls back to the raw value when it is not parseable. */
export function formatPhone(e164: string, style: 'national' | 'international'): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return style === 'national' ? parsed.formatNational() : parsed.formatInternational();
}

/** Formats a partially typed number as the person types it. */
export function formatAsYouType(input: string, country: CountryCode): string {
  return new AsYouType(country).input(input);
}

/** The country a locale suggests for the phone field: ja → JP, everything else → US. */
export function defaultCountryForLocale(locale: string | undefined): CountryCode {
  return locale?.toLowerCase().startsWith('ja') ? 'JP' : 'US';
}

/** Every country libphonenumber-js knows, with its calling code, for the country selector. */
export function listCountries(): { code: CountryCode; callingCode: string }[] {
  return getCountries().map((code) => ({ code, callingCode: getCountryCallingCode(code) }));
}
