/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { MASKED_DIGITS, maskPhoneForLog } from '@/logto-local/phone-for-log';

/** What a log line reveals of a national number: its visible digits, and how many are hidden. */
function revealed(masked: string, callingCode: string) {
  const national = masked.slice(`+${callingCode}`.length);
  return { digits: national.replace(/\D/g, ''), hidden: (national.match(/\*/g) ?? []).length };
}

describe('phone numbers in log lines', () => {
  it('hides at least 4 digits of an example mobile number of every region libphonenumber knows, keeping its last digits', () => {
    const countries = getCountries();
    const leaks = countries.flatMap((country) => {
      const example = getExampleNumber(country, examples);
      if (!example) return [`${country}: no example number`];
      const callingCode = example.countryCallingCode;
      const masked = maskPhoneForLog(example.number);
      const national = example.nationalNumber;
      const { digits, hidden } = revealed(masked, callingCode);
      const tail = Math.min(4, national.length - MASKED_DIGITS);
      const ok =
        masked.startsWith(`+${callingCode} `) &&
        hidden >= Math.min(MASKED_DIGITS, national.length) &&
        hidden + digits.length === national.length &&
        national.endsWith(digits.slice(digits.length - tail));
      return ok ? [] : [`${country}: ${example.formatInternational()} logged as ${masked}`];
    });
    expect(countries.length).toBeGreaterThan(240);
    expect(leaks).toEqual([]);
  });

  it.each([
    ['+6581234567', '+65 **** 4567'],
    ['+85251234567', '+852 **** 4567'],
    ['+37251234567', '+372 **** 4567'],
    ['+3546111234', '+354 *** *234'],
    ['+50683123456', '+506 **** 3456'],
    ['+819012345678', '+81 90 **** 5678'],
    ['+15555550100', '+1 *** *** 0100'],
  ])('logs %s as %s', (e164, masked) => {
    expect(maskPhoneForLog(e164)).toBe(masked);
  });

  it('hides at least 4 digits of any length of number under any calling code, valid or not', () => {
    const callingCodes = new Set(getCountries().map((country) => getCountryCallingCode(country)));
    const leaks: string[] = [];
    for (const callingCode of callingCodes) {
      for (let length = 1; length <= 15 - callingCode.length; length += 1) {
        const national = '987654321098765'.slice(0, length);
        const masked = maskPhoneForLog(`+${callingCode}${national}`);
        const hidden = (masked.match(/\*/g) ?? []).length;
        if (hidden < Math.min(MASKED_DIGITS, length))
          leaks.push(`+${callingCode}${national}: ${masked}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('hides all but the last digits of what is not a phone number at all', () => {
    expect(maskPhoneForLog('+999123456789')).toBe('+********6789');
    expect(maskPhoneForLog('+12')).toBe('+**');
  });
});
