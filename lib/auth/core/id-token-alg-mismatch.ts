import type { GetServerSidePropsContext } from 'next';
import {
  DEFAULT_ID_TOKEN_ALG,
  ID_TOKEN_ALG_VARIABLE,
  type IdTokenAlg,
  idTokenAlgOfKey,
} from '../provider/id-token-alg';
import { logtoWellKnownUrl } from '../provider/well-known';
import type { AuthEnv } from './env';

/** Logto signs with one algorithm and the app expects another. */
type IdTokenAlgMismatch = {
  /** What Logto signs ID tokens with now (its current signing key, first in its JWKS). */
  used: IdTokenAlg;
  /** What AUTH_LOGTO_ID_TOKEN_ALG (or its ES384 default) tells the app to accept. */
  expected: IdTokenAlg;
};

// Same bound as openid-client's default HTTP timeout: an error page must not hang on Logto.
const LOOKUP_TIMEOUT_MS = 3500;

/**
 * After a failed callback (`OAuthCallback`), finds whether the cause is a signing algorithm the app
 * does not expect: openid-client refuses such an ID token before next-auth sees it, so next-auth
 * only says `OAuthCallback`. Logto signs with its first signing key, so the answer comes from
 * Logto's JWKS. Anything that cannot be read gives `undefined`, and the page says what it always
 * said.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
export async function findIdTokenAlgMismatch(
  env: Pick<AuthEnv, 'issuer' | 'idTokenAlg'>,
): Promise<IdTokenAlgMismatch | undefined> {
  const used = await currentSigningAlg(env.issuer).catch(() => undefined);
  const expected = env.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG;
  return used === undefined || used === expected ? undefined : { used, expected };
}

/** The algorithm of Logto's current signing key, the first in the JWKS its discovery names. */
async function currentSigningAlg(issuer: string): Promise<IdTokenAlg | undefined> {
  const discovery = (await getJson(logtoWellKnownUrl(issuer))) as {
    jwks_uri?: unknown;
  };
  if (typeof discovery.jwks_uri !== 'string') return undefined;
  const jwks = (await getJson(discovery.jwks_uri)) as { keys?: unknown };
  const [signingKey] = Array.isArray(jwks.keys) ? (jwks.keys as object[]) : [];
  return signingKey === undefined ? undefined : idTokenAlgOfKey(signingKey);
}

/** The server log line for a mismatch: what Logto used, what the app expects, what to set. */
export function describeIdTokenAlgMismatch({ used, expected }: IdTokenAlgMismatch): string {
  return `[auth] Logto signs ID tokens with ${used}, but the app accepts only ${expected}, so every sign-in ends in OAuthCallback. Set ${ID_TOKEN_ALG_VARIABLE}=${used} and restart the app.`;
}

/** Logto's JSON answer; an error answer (a 404, a proxy's 502) holds nothing to read. */
async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
  return response.ok ? response.json() : {};
}

/** What `/auth/error` gets from the server: the mismatch behind an `OAuthCallback`, if that is it. */
export type AuthErrorPageProps = {
  idTokenAlgMismatch: IdTokenAlgMismatch | null;
};

/**
 * `getServerSideProps` of `/auth/error`: for `OAuthCallback` only, looks for a signing algorithm
 * mismatch, logs it on the server and hands it to the page, which names the variable to set.
 * @see https://nextjs.org/docs/pages/building-your-application/data-fetching/get-server-side-props
 */
export async function authErrorPageProps(
  context: Pick<GetServerSidePropsContext, 'query'>,
  env: Pick<AuthEnv, 'issuer' | 'idTokenAlg'>,
): Promise<{ props: AuthErrorPageProps }> {
  if (context.query.error !== 'OAuthCallback') return { props: { idTokenAlgMismatch: null } };
  const mismatch = await findIdTokenAlgMismatch(env);
  if (mismatch !== undefined) console.error(describeIdTokenAlgMismatch(mismatch));
  return { props: { idTokenAlgMismatch: mismatch ?? null } };
}
