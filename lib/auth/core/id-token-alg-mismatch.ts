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
 * Logto's JWKS, at `jwksUri` when the caller knows it (from a discovery it already made), else
 * from a discovery request. Anything that cannot be read gives `undefined`, and the page says
 * what it always said.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
export async function findIdTokenAlgMismatch(
  env: Pick<AuthEnv, 'issuer' | 'idTokenAlg'>,
  jwksUri?: () => Promise<string | undefined>,
): Promise<IdTokenAlgMismatch | undefined> {
  const used = await currentSigningAlg(env.issuer, jwksUri).catch(() => undefined);
  const expected = env.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG;
  return used === undefined || used === expected ? undefined : { used, expected };
}

/** The algorithm of Logto's current signing key, the first in its JWKS. */
async function currentSigningAlg(
  issuer: string,
  knownJwksUri: (() => Promise<string | undefined>) | undefined,
): Promise<IdTokenAlg | undefined> {
  const jwksUri = knownJwksUri
    ? await knownJwksUri()
    : ((await getJson(logtoWellKnownUrl(issuer))) as { jwks_uri?: unknown }).jwks_uri;
  if (typeof jwksUri !== 'string') return undefined;
  const jwks = (await getJson(jwksUri)) as { keys?: unknown };
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

/** How long one look at Logto's keys answers every view of the error page. */
export const MISMATCH_LOOKUP_TTL_MS = 60_000;

interface AuthErrorPagePropsOptions {
  /** Logto's JWKS URL from a discovery already made (the core's cached Issuer); else one is made. */
  jwksUri?: () => Promise<string | undefined>;
  /** Milliseconds since the epoch; read on every view. */
  now?: () => number;
}

/**
 * `getServerSideProps` of `/auth/error`: for `OAuthCallback` only, looks for a signing algorithm
 * mismatch, logs it on the server and hands it to the page, which names the variable to set.
 * Anyone can open the page, so it costs Logto at most one JWKS request, and the log one line, per
 * {@link MISMATCH_LOOKUP_TTL_MS}, however many views come: one look answers them all.
 * @see https://nextjs.org/docs/pages/building-your-application/data-fetching/get-server-side-props
 */
export function createAuthErrorPageProps(
  env: Pick<AuthEnv, 'issuer' | 'idTokenAlg'>,
  { jwksUri, now = Date.now }: AuthErrorPagePropsOptions = {},
) {
  let lastLook: { at: number; mismatch: Promise<IdTokenAlgMismatch | undefined> } | undefined;

  const lookOnce = async () => {
    const mismatch = await findIdTokenAlgMismatch(env, jwksUri);
    if (mismatch !== undefined) console.error(describeIdTokenAlgMismatch(mismatch));
    return mismatch;
  };

  return async (
    context: Pick<GetServerSidePropsContext, 'query'>,
  ): Promise<{ props: AuthErrorPageProps }> => {
    if (context.query.error !== 'OAuthCallback') return { props: { idTokenAlgMismatch: null } };
    const at = now();
    if (!lastLook || at - lastLook.at >= MISMATCH_LOOKUP_TTL_MS) {
      lastLook = { at, mismatch: lookOnce() };
    }
    return { props: { idTokenAlgMismatch: (await lastLook.mismatch) ?? null } };
  };
}
