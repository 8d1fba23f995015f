import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks next-auth's double-submit CSRF token, for a POST route of our own (next-auth checks it
 * only for its own actions): the cookie holds `token|sha256(token + secret)` and the form posts
 * `token`. A forged cookie fails the hash, a cross-site form lacks the token.
 *
 * A copy of next-auth's own check, checked against next-auth 4.22–4.24.15: the integration suite
 * (`__tests__/integration/sign-out-requests.test.ts`) posts the token next-auth's real
 * `/api/auth/csrf` hands out, so it fails if next-auth changes the format.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/src/core/lib/csrf-token.ts
 */
export function isValidCsrfToken(
  cookieValue: string | undefined,
  posted: unknown,
  secret: string,
): boolean {
  if (!cookieValue || typeof posted !== 'string' || posted === '') return false;
  const [token = '', hash = ''] = cookieValue.split('|');
  const expected = createHash('sha256').update(`${token}${secret}`).digest('hex');
  return sameText(hash, expected) && sameText(token, posted);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
