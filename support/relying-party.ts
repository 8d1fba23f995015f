import { generators, Issuer, type BaseClient, type TokenSet } from 'openid-client';
import {
  codeFromOutbox,
  CookieJar,
  follow,
  formAction,
  signInByPhone,
} from './logto-local-sign-in';
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
    jar?: CookieJar;
  } = {},
): Promise<{ tokens: TokenSet; jar: CookieJar }> {
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
  const { callbackUrl, jar } = await signInByPhone({
    authorizationUrl,
    phone,
    readCode: options.readCode ?? codeFromOutbox(logto.readOutbox),
    jar: options.jar,
  });
  const tokens = await client.callback(REDIRECT_URI, client.callbackParams(callbackUrl.href), {
    code_verifier: codeVerifier,
    nonce,
    state,
  });
  return { tokens, jar };
}

/** Opens the sign-in pages for a fresh authorization request; returns the jar and the first page. */
export async function openSignIn(
  logto: LogtoLocalProcess,
  client: BaseClient,
  params: Record<string, string> = {},
): Promise<{ jar: CookieJar; page: { response: Response; url: URL; body: string } }> {
  const jar = new CookieJar();
  const url = client.authorizationUrl({
    scope: 'openid offline_access profile email phone',
    prompt: 'consent',
    state: generators.state(),
    nonce: generators.nonce(),
    ...params,
  });
  const page = await follow(jar, url, logto.origin);
  return { jar, page };
}

/** Posts the form whose action ends with `/step` on `page`, following redirects on logto-local. */
export async function submitStep(
  logto: LogtoLocalProcess,
  jar: CookieJar,
  page: { url: URL; body: string },
  step: string,
  form: Record<string, string> = {},
) {
  const action = formAction(page.body, page.url, step);
  if (!action) throw new Error(`no /${step} form on ${page.url.href}:\n${page.body.slice(0, 500)}`);
  return follow(jar, action, logto.origin, { form });
}
