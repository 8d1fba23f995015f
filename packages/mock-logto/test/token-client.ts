/**
 * A relying party reduced to the requests it sends, so the tests can speak to the mocked Logto
 * as an app would: authorize with PKCE, then the token endpoint.
 */
import { createHash } from 'node:crypto';
import type { MockLogto, TokenSet } from '@bookstore/mock-logto';

export const REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/callback/logto';

export interface TokenResponse {
  status: number;
  body: TokenSet & { error?: string; code?: string };
}

export function basicAuth(logto: MockLogto): string {
  return `Basic ${Buffer.from(`${logto.clientId}:${logto.clientSecret}`).toString('base64')}`;
}

/** POSTs to the token endpoint with client_secret_basic, unless `headers` say otherwise. */
export async function tokenRequest(
  logto: MockLogto,
  form: Record<string, string>,
  headers: Record<string, string> = { authorization: basicAuth(logto) },
): Promise<TokenResponse> {
  const response = await fetch(`${logto.issuer}/token`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse['body'] };
}

/** An authorize URL as a relying party builds it, with the S256 challenge of `verifier`. */
export function authorizeUrl(
  logto: MockLogto,
  verifier: string,
  extra: Record<string, string> = {},
) {
  const url = new URL(`${logto.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: logto.clientId,
    response_type: 'code',
    scope: 'openid offline_access profile phone',
    redirect_uri: REDIRECT_URI,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'state-1',
    ...extra,
  }).toString();
  return url.toString();
}

/** Signs a person in and exchanges the code: the tokens an app holds after its callback. */
export async function signedIn(
  logto: MockLogto,
  user: Parameters<MockLogto['approve']>[1] = {},
): Promise<TokenSet> {
  const verifier = 'v'.repeat(43);
  const code = new URL(logto.approve(authorizeUrl(logto, verifier), user)).searchParams.get(
    'code',
  )!;
  const { body } = await tokenRequest(logto, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  return body;
}
