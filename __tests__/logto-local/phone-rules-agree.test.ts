/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { parsePhone } from '@/lib/phone';
import { parseSubmittedPhone } from '@/logto-local/sign-in/phone-input';

// What a person might type on the app's sign-in page and again on logto-local's phone page.
const INPUTS: Array<[country: 'JP' | 'US' | 'GB', typed: string]> = [
  ['JP', '090-1234-5678'],
  ['JP', '0012345678'],
  ['JP', '03-1234-5678'],
  ['JP', '+81 90 1234 5678'],
  ['US', '(201) 555-0123'],
  ['US', '12'],
  ['US', '2015550123456789'],
  ['GB', '07700 900123'],
  ['GB', '020 7946 0018'],
  ['US', '+44 7700 900123'],
  ['US', 'not a number'],
];

describe('the app and logto-local on the same phone numbers', () => {
  it.each(INPUTS)(
    'agree on %s %s: accepted as the same number, or refused for the same reason',
    (country, typed) => {
      const app = parsePhone(typed, country);
      const provider = parseSubmittedPhone(country, typed);
      if (app.ok) expect(provider).toEqual({ ok: true, e164: app.phone.e164 });
      else expect(provider).toEqual({ ok: false, reason: app.reason });
    },
  );

  it('both refuse a Japanese landline, since the code goes out by SMS', () => {
    expect(parsePhone('03-1234-5678', 'JP').ok).toBe(false);
    expect(parseSubmittedPhone('JP', '03-1234-5678').ok).toBe(false);
  });

  it('logto-local still accepts a configured fictional test number the plans refuse', () => {
    expect(parsePhone('+1 555 555 0100').ok).toBe(false);
    expect(
      parseSubmittedPhone('US', '+15555550100', new Map([['+15555550100', '424242']])),
    ).toEqual({ ok: true, e164: '+15555550100' });
  });
});
