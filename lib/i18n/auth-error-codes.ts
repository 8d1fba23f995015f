/**
 * The error codes next-auth v4 puts in `?error=` on the error page and the sign-in page.
 * @see https://next-auth.js.org/configuration/pages#error-page
 * @see https://next-auth.js.org/configuration/pages#sign-in-page
 */
export const AUTH_ERROR_CODES = [
  'Configuration',
  'AccessDenied',
  'Verification',
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'EmailCreateAccount',
  'Callback',
  'OAuthAccountNotLinked',
  'SessionRequired',
  'Default',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/**
 * Reads `?error=` as a known code; anything else (unknown, repeated, missing) is `Default`,
 * so a person always gets a message rather than a blank page.
 */
export function toAuthErrorCode(raw: string | string[] | undefined): AuthErrorCode {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (AUTH_ERROR_CODES as readonly string[]).includes(value ?? '')
    ? (value as AuthErrorCode)
    : 'Default';
}
