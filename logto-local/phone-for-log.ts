import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Digits of the national number that a log line always hides (all of them when there are fewer). */
export const MASKED_DIGITS = 4;
/** At most this many last digits stay visible: enough to find an attempt in the log. */
const VISIBLE_TAIL = 4;

/**
 * A phone number as logto-local's log lines show it: the country code, then the national number
 * with at least 4 digits masked. The last digits stay (up to 4, fewer on a short number) and so
 * does the first group when 4 digits are masked without it (`+81 90 **** 5678`, but
 * `+65 **** 4567` and `+1 *** *** 0100`). Enough to find an attempt in the log; not enough to
 * harvest the numbers of everyone who signed in from it, in any region.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude
 */
export function maskPhoneForLog(e164: string): string {
  const formatted = parsePhoneNumberFromString(e164)?.formatInternational() ?? '';
  const space = formatted.indexOf(' ');
  // Not a number libphonenumber can split: every digit counts as national.
  if (space === -1) return `+${maskNational(e164.replace(/\D/g, ''))}`;
  return `${formatted.slice(0, space)} ${maskNational(formatted.slice(space + 1))}`;
}

/** Masks the digits of a national number as described above, keeping its spacing. */
function maskNational(national: string): string {
  const digits = national.replace(/\D/g, '').length;
  const tail = Math.min(VISIBLE_TAIL, Math.max(0, digits - MASKED_DIGITS));
  // International formats separate groups with spaces; a number in one piece shows no first group.
  const firstGroup = national.split(' ')[0]!.length;
  const head = digits - tail - firstGroup >= MASKED_DIGITS ? firstGroup : 0;
  let seen = 0;
  return national.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= head || seen > digits - tail ? digit : '*';
  });
}
