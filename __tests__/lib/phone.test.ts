/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { defaultCountryForLocale, formatPhone, logtoPhoneToE164, parsePhone } from '@/lib/phone';

describe('parsePhone', () => {
  it('accepts a Japanese mobile number typed nationally and returns E.164 and digits', () => {
    const result = parsePhone('090-1234-5678', 'JP');
    expect(result).toEqual({
      ok: true,
      phone: expect.objectContaining({
        e164: '+819012345678',
        digits: '819012345678',
        country: 'JP',
      }),
    });
  });

  it('accepts an international number whatever the default country', () => {
    const result = parsePhone('+1 201 555 0123', 'JP');
    expect(result.ok && result.phone.e164).toBe('+12015550123');
  });

  it('refuses an empty field', () => {
    expect(parsePhone('   ', 'US')).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses letters and garbage', () => {
    expect(parsePhone('call me maybe', 'US').ok).toBe(false);
  });

  it('refuses a number too short to be real', () => {
    expect(parsePhone('12', 'US')).toEqual({ ok: false, reason: 'too_short' });
  });

  it('refuses an input longer than any phone number', () => {
    expect(parsePhone('1'.repeat(40), 'US')).toEqual({ ok: false, reason: 'too_long' });
  });

  it('refuses a well-formed number that no numbering plan assigns', () => {
    expect(parsePhone('+1 000 000 0000', 'US').ok).toBe(false);
  });
});

describe('logtoPhoneToE164', () => {
  it("adds the + that Logto's digits-only phone_number claim leaves out", () => {
    expect(logtoPhoneToE164('819012345678')).toBe('+819012345678');
  });

  it('keeps a number that already has a +', () => {
    expect(logtoPhoneToE164('+819012345678')).toBe('+819012345678');
  });

  it('maps null and empty claims to null', () => {
    expect(logtoPhoneToE164(null)).toBeNull();
    expect(logtoPhoneToE164('')).toBeNull();
  });
});

describe('formatPhone', () => {
  it('formats a Japanese number nationally and internationally', () => {
    expect(formatPhone('+819012345678', 'national')).toBe('090-1234-5678');
    expect(formatPhone('+819012345678', 'international')).toBe('+81 90 1234 5678');
  });
});

describe('defaultCountryForLocale', () => {
  it('defaults the phone field to Japan for ja and to the US otherwise', () => {
    expect(defaultCountryForLocale('ja')).toBe('JP');
    expect(defaultCountryForLocale('en')).toBe('US');
    expect(defaultCountryForLocale(undefined)).toBe('US');
  });
});

describe('parsePhone against mobile numbering plans', () => {
  it('refuses a Japanese number of the right length that no mobile range uses', () => {
    expect(parsePhone('0012345678', 'JP')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a Japanese landline, which cannot receive the SMS code', () => {
    expect(parsePhone('03-1234-5678', 'JP').ok).toBe(false);
  });

  it('accepts a US number, where mobile and landline ranges are shared', () => {
    expect(parsePhone('(201) 555-0123', 'US').ok).toBe(true);
  });
});
