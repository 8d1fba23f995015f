/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// Each refusal reason has its own message on the sign-in form, so each is told apart here, at
// its boundaries.
import { defaultCountryForLocale, formatPhone, logtoPhoneToE164, parsePhone } from '@/lib/phone';

describe('why a typed number is refused', () => {
  it.each([
    ['+1 20155', 'too_short', 'five digits after the country code'],
    ['+1 201555', 'invalid', 'six digits after the country code'],
    ['+1 201555012345', 'invalid', 'twelve digits after the country code'],
    ['+1 2015550123456', 'too_long', 'thirteen digits after the country code'],
  ])('calls %s %s (%s)', (input, reason) => {
    expect(parsePhone(input, 'US')).toEqual({ ok: false, reason });
  });

  it('calls anything with no digits at all too short', () => {
    expect(parsePhone('call me maybe', 'US')).toEqual({ ok: false, reason: 'too_short' });
  });

  it.each([
    ['+0 12', 'too_short'],
    ['+0 123', 'invalid'],
  ])('calls %s, which no country owns, %s', (input, reason) => {
    expect(parsePhone(input, 'US')).toEqual({ ok: false, reason });
  });

  it('reads up to 32 characters and calls anything longer too long without parsing it', () => {
    expect(parsePhone('1'.repeat(32), 'US')).toEqual({ ok: false, reason: 'invalid' });
    expect(parsePhone('1'.repeat(33), 'US')).toEqual({ ok: false, reason: 'too_long' });
  });

  it('trims the spaces around a number before judging it', () => {
    const result = parsePhone('  090-1234-5678  ', 'JP');
    expect(result.ok && result.phone.e164).toBe('+819012345678');
  });
});

it('returns every shape the app and Logto need for an accepted number', () => {
  expect(parsePhone('090-1234-5678', 'JP')).toEqual({
    ok: true,
    phone: {
      e164: '+819012345678',
      digits: '819012345678',
      national: '090-1234-5678',
      international: '+81 90 1234 5678',
      country: 'JP',
    },
  });
});

describe("Logto's phone_number claim", () => {
  it('is no number at all when it is just a +', () => {
    expect(logtoPhoneToE164('+')).toBeNull();
  });

  it('keeps only the digits of a claim written with separators', () => {
    expect(logtoPhoneToE164('81-90-1234-5678')).toBe('+819012345678');
  });
});

describe('showing a number', () => {
  it('shows a value it cannot read as it came', () => {
    expect(formatPhone('not a number', 'international')).toBe('not a number');
  });

  it('shows an accepted number the way it is written at home or abroad', () => {
    expect(formatPhone('+819012345678', 'national')).toBe('090-1234-5678');
    expect(formatPhone('+819012345678', 'international')).toBe('+81 90 1234 5678');
  });
});

describe('the country the phone field starts on', () => {
  it.each([
    ['ja', 'JP'],
    ['ja-JP', 'JP'],
    ['JA-jp', 'JP'],
    ['en-JP', 'US'],
    ['en', 'US'],
    [undefined, 'US'],
  ])('is %s → %s', (locale, country) => {
    expect(defaultCountryForLocale(locale)).toBe(country);
  });
});
