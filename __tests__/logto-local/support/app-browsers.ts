/**
 * Browsers for app instances in their own processes (./app-process.ts) against logto-local:
 * signing in through its phone pages, carrying the same cookies to another instance, signing out.
 */
import { Browser } from '@bookstore/mock-logto/next-auth';
import type { LogtoLocalProcess } from '../../../support/logto-local-process';
import { codeFromOutbox, signInByPhone } from '../../../support/logto-local-sign-in';
import { csrfToken, fetchSession } from '../../support/logto-sign-in';

/** The URL Logto knows the app by, whatever port an instance listens on (as behind a load balancer). */
export const PUBLIC_URL = 'http://localhost:3000';

/** Signs `phone` in at the instance at `origin` through logto-local's pages; returns the browser. */
export async function signInAt(
  origin: string,
  logto: LogtoLocalProcess,
  phone: string,
): Promise<Browser> {
  const browser = new Browser(origin);
  const signin = await browser.request('/api/auth/signin/logto', {
    form: { csrfToken: await csrfToken(browser), callbackUrl: `${PUBLIC_URL}/books` },
  });
  const { landing } = await browser.followApiRedirects(signin);
  const { callbackUrl } = await signInByPhone({
    authorizationUrl: landing!,
    phone,
    readCode: codeFromOutbox(logto.readOutbox),
  });
  await browser.request(`${callbackUrl.pathname}${callbackUrl.search}`);
  expect((await fetchSession(browser))?.error).toBeNull();
  return browser;
}

/** The same cookies, sent to the instance at `origin` (a load balancer picks another one). */
export function sameCookiesAt(browser: Browser, origin: string): Browser {
  const other = new Browser(origin);
  for (const [name, cookie] of browser.cookies) other.cookies.set(name, { ...cookie });
  return other;
}

/** Presses "Sign out": the federated sign-out route with next-auth's CSRF token. */
export async function signOut(browser: Browser) {
  return browser.request('/api/auth/federated-sign-out', {
    form: { csrfToken: await csrfToken(browser) },
  });
}

/** Waits until the wall clock passes `seconds` since the epoch (expiry is a time condition). */
export async function waitUntilSecond(seconds: number) {
  while (Date.now() / 1000 <= seconds) await new Promise((resolve) => setTimeout(resolve, 50));
}
