import type { Account, NextAuthOptions, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { withCachedDiscovery } from './cached-discovery';
import { getAuthEnv } from './env';
import { authLogger } from './logger';
import Logto from './logto';
import { getLogtoClient } from './logto-client';
import { sessionTokenCodec } from './session-token';
import { profileClaims, refreshDueAt, refreshTokenIfDue } from './tokens';

/** Matches Logto's refresh-token lifetime, so the cookie does not outlive what it can refresh. */
const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

/**
 * How often an active person's cookie is re-issued to slide its expiry (next-auth's default is a
 * day). Reads in between set no cookie: see lib/auth/session-fast-path.ts.
 */
const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/**
 * Stores what later requests need (who, and the tokens) and nothing else: three tokens plus
 * profile already fill most of one 4 KB cookie chunk.
 */
export function tokenFromSignIn(user: User, account: Account): JWT {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: user.id,
    ...profileClaims(user),
    accessToken: account.access_token,
    accessTokenExpiresAt: account.expires_at,
    accessTokenRefreshAt:
      account.expires_at === undefined ? undefined : refreshDueAt(account.expires_at, now),
    refreshToken: account.refresh_token,
    idToken: account.id_token,
  };
}

/** Builds the browser-visible session: a new object, with no token in it. */
export function sessionFromToken(session: Session, token: JWT): Session {
  return {
    expires: session.expires,
    user: {
      id: token.sub ?? '',
      name: token.name ?? null,
      email: token.email ?? null,
      image: token.picture ?? null,
      phoneNumber: token.phoneNumber ?? null,
      phoneNumberVerified: token.phoneNumberVerified ?? false,
    },
    error: token.error ?? null,
  };
}

/**
 * Keeps every redirect on this origin: relative paths are resolved against it, anything on
 * another origin falls back to the home page.
 * @see https://next-auth.js.org/configuration/callbacks#redirect-callback
 */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    return target.origin === base.origin ? target.toString() : base.toString();
  } catch {
    return baseUrl;
  }
}

/**
 * Builds the next-auth configuration from validated env; exported for tests with other env.
 * `refreshNow` makes every session read refresh at Logto (at most once per few seconds per
 * session): the options of a read back from Logto's Account Center, see ./server.ts.
 */
export function buildAuthOptions(
  env = getAuthEnv(),
  { refreshNow = false }: { refreshNow?: boolean } = {},
): NextAuthOptions {
  return {
    secret: env.secret,
    providers: [
      // The plain provider, plus the cache that saves three requests to Logto per sign-in.
      withCachedDiscovery(
        Logto({
          issuer: env.issuer,
          clientId: env.clientId,
          clientSecret: env.clientSecret,
          idTokenAlg: env.idTokenAlg,
        }),
      ),
    ],
    // From the validated app URL, so next-auth, the fast read and sign-out name cookies alike.
    useSecureCookies: env.appUrl.startsWith('https://'),
    session: {
      strategy: 'jwt',
      maxAge: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    // next-auth's own cookie format, with the key derived once per secret (./session-token.ts).
    jwt: sessionTokenCodec(),
    pages: { signIn: '/signin', error: '/auth/error' },
    logger: authLogger,
    callbacks: {
      // Runs on every session read: sign-in stores the tokens, later reads refresh them when
      // due (single-flight per process, see lib/auth/tokens.ts).
      async jwt({ token, user, account }) {
        if (user && account) return tokenFromSignIn(user, account);
        return refreshTokenIfDue(token, () => getLogtoClient(env), { now: refreshNow });
      },
      session({ session, token }) {
        return sessionFromToken(session, token);
      },
      redirect: sameOriginRedirect,
    },
  };
}

/**
 * The one next-auth configuration, used by the catch-all route and by `getServerSession`.
 * @see https://next-auth.js.org/configuration/options
 */
export const authOptions: NextAuthOptions = buildAuthOptions();
