import { maskPhoneForLog } from '../phone-for-log';

/**
 * An email as log lines show it: the first letter of the name and the domain (`a***@example.com`),
 * enough to find an attempt, not to harvest addresses.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude
 */
export function maskEmailForLog(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** A phone number or an email, masked as its kind is (../phone-for-log.ts for numbers). */
export function maskIdentifierForLog(identifier: string): string {
  return identifier.includes('@') ? maskEmailForLog(identifier) : maskPhoneForLog(identifier);
}
