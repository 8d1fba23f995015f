import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as logto-local's log lines show it: country code, the first group and the last
 * four digits, the rest masked (`+81 90 **** 5678`). Enough to find an attempt in the log; not
 * enough to harvest the numbers of everyone who signed in from it.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude
 */
export function maskPhoneForLog(e164: string): string {
  const formatted = parsePhoneNumberFromString(e164)?.formatInternational();
  if (!formatted) return e164.length > 7 ? `${e164.slice(0, 3)}****${e164.slice(-4)}` : '****';
  const [countryCode, first, ...rest] = formatted.split(' ');
  const tail = rest.join(' ');
  const digitsInTail = tail.replace(/\D/g, '').length;
  let seen = 0;
  const maskedTail = tail.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digitsInTail - 4 ? digit : '*';
  });
  return [countryCode, first, maskedTail].filter(Boolean).join(' ');
}
