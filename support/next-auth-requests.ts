import type { Session } from 'next-auth';
import type { Browser } from './next-auth-driver';

/**
 * Fetches `/api/auth/session` the way `useSession` does; `{}` means no session.
 * @see https://next-auth.js.org/getting-started/rest-api#get-apiauthsession
 */
export async function fetchSession(browser: Browser): Promise<Session | null> {
  const response = await browser.request('/api/auth/session');
  const body = JSON.parse(response.text) as Session | Record<string, never>;
  return Object.keys(body).length === 0 ? null : (body as Session);
}

/**
 * The CSRF token next-auth hands a form (`/api/auth/csrf`), setting its cookie in the browser.
 * @see https://next-auth.js.org/getting-started/rest-api#get-apiauthcsrf
 */
export async function csrfToken(browser: Browser): Promise<string> {
  return (JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string })
    .csrfToken;
}
