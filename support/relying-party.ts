import { generators, Issuer, type BaseClient, type TokenSet } from 'openid-client';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { codeFromOutbox, formAction, signInByPhone } from './logto-local-sign-in';
import type { LogtoLocalProcess } from './logto-local-process';

export const APP_URL = 'http://localhost:3000';
export const REDIRECT_URI = `${APP_URL}/api/auth/callback/logto`;

/** openid-client 5 configured as the Bookstore app configures it against Logto. */
export async function bookstoreClient(logto: LogtoLocalProcess): Promise<BaseClient> {
  const issuer = await Issuer.discover(logto.issuer);
  return new issuer.Client({
    client_id: 'bookstore-local',
    client_secret: 'bookstore-local-secret',
    redirect_uris: [REDIRECT_URI],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES384',
  });
}

/** The full code flow with PKCE, state and nonce through the phone and code pages. */
export async function signInWithPhone(
  logto: LogtoLocalProcess,
  client: BaseClient,
  phone: string,
  options: {
    params?: Record<string, string>;
    readCode?: (phone: string) => Promise<string>;
    browser?: Browser;
  } = {},
): Promise<{ tokens: TokenSet; browser: Browser }> {
  const codeVerifier = generators.codeVerifier();
  const nonce = generators.nonce();
  const state = generators.state();
  const authorizationUrl = client.authorizationUrl({
    scope: 'openid offline_access profile email phone',
    prompt: 'consent',
    code_challenge: generators.codeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...options.params,
  });
  const { callbackUrl, browser } = await signInByPhone({
    authorizationUrl,
    phone,
    readCode: options.readCode ?? codeFromOutbox(logto.readOutbox),
    browser: options.browser,
  });
  const tokens = await client.callback(REDIRECT_URI, client.callbackParams(callbackUrl.href), {
    code_verifier: codeVerifier,
    nonce,
    state,
  });
  return { tokens, browser };
}

/** Opens the sign-in pages for a fresh authorization request; returns the browser and the first page. */
export async function openSignIn(
  logto: LogtoLocalProcess,
  client: BaseClient,
  params: Record<string, string> = {},
): Promise<{ browser: Browser; page: Awaited<ReturnType<Browser['follow']>> }> {
  const browser = new Browser(logto.origin);
  const url = client.authorizationUrl({
    scope: 'openid offline_access profile email phone',
    prompt: 'consent',
    state: generators.state(),
    nonce: generators.nonce(),
    ...params,
  });
  const page = await browser.follow(url);
  return { browser, page };
}

/** Posts the form whose action ends with `/step` on `page`, following redirects on logto-local. */
export async function submitStep(
  logto: LogtoLocalProcess,
  browser: Browser,
  page: { url: URL; body: string },
  step: string,
  form: Record<string, string> = {},
) {
  const action = formAction(page.body, page.url, step);
  if (!action) throw new Error(`no /${step} form on ${page.url.href}:\n${page.body.slice(0, 500)}`);
  return browser.follow(action, { form });
}
