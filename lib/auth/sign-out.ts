import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { getToken } from 'next-auth/jwt';
import { errors, type BaseClient } from 'openid-client';
import { getAuthEnv, type AuthEnv } from './env';
import { getLogtoClient } from './logto-client';
import { rejectOtherMethods } from './methods';

/** Where a person lands when Logto could not be told: home, with a notice saying so. */
export const SIGNED_OUT_LOCALLY_PATH = '/?signedOut=local';

/** next-auth's cookie names; the `__Secure-`/`__Host-` prefixes apply when the app runs on https. */
export function authCookieNames(appUrl: string) {
  const secure = appUrl.startsWith('https://');
  return {
    secure,
    sessionToken: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    csrfToken: `${secure ? '__Host-' : ''}next-auth.csrf-token`,
  };
}

/**
 * Checks next-auth's double-submit CSRF token: the cookie holds `token|sha256(token + secret)`,
 * and the form posts `token`. A forged cookie fails the hash, a cross-site form lacks the token.
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

/** Expires the session cookie and every chunk of it (`.0`, `.1`, …) the browser sent. */
export function clearSessionCookies(req: NextApiRequest, res: NextApiResponse, appUrl: string) {
  const { secure, sessionToken } = authCookieNames(appUrl);
  const names = new Set([sessionToken]);
  for (const name of Object.keys(req.cookies)) {
    if (name.startsWith(`${sessionToken}.`)) names.add(name);
  }
  const attributes = `Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  res.setHeader(
    'Set-Cookie',
    [...names].map((name) => `${name}=; ${attributes}`),
  );
}

type Refusal = { status: 403; error: string; message: string };

function refuseForeignRequest(req: NextApiRequest, env: AuthEnv): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== new URL(env.appUrl).origin) {
    return {
      status: 403,
      error: 'foreign_origin',
      message: `Sign-out was requested from ${origin}, not from this site. Use the Sign out button on the site.`,
    };
  }
  const cookie = req.cookies[authCookieNames(env.appUrl).csrfToken];
  const posted = (req.body as Record<string, unknown> | undefined)?.csrfToken;
  if (!isValidCsrfToken(cookie, posted, env.secret)) {
    return {
      status: 403,
      error: 'csrf_token_mismatch',
      message:
        'This sign-out request is missing its security token or the token does not match. Go back, reload the page and press Sign out again.',
    };
  }
  return undefined;
}

/** Tells Logto the refresh token is no longer wanted; false when Logto could not be reached. */
async function revokeAtLogto(logto: BaseClient, refreshToken: string): Promise<boolean> {
  try {
    await logto.revoke(refreshToken, 'refresh_token');
    return true;
  } catch (error) {
    // Logto answered (e.g. the grant was already gone): it is reachable, the sign-out goes on.
    if (error instanceof errors.OPError) return true;
    console.warn(`[auth] Could not revoke the refresh token at Logto: ${(error as Error).name}`);
    return false;
  }
}

export interface FederatedSignOutOptions {
  /** Defaults to the validated process env, read on the first request. */
  env?: AuthEnv;
  /** Defaults to the per-process Logto client. */
  client?: (env: AuthEnv) => Promise<BaseClient>;
}

/**
 * POST-only sign-out that ends the Logto session too. next-auth's own `signOut()` only clears
 * its cookie (its redirect callback drops a Logto URL, `events.signOut` cannot redirect), so
 * signing in again would go straight through on Logto's still-open session. In order:
 *  1. refuse anything but a POST from this site carrying next-auth's CSRF token;
 *  2. read the ID and refresh tokens from the session cookie, before it is cleared;
 *  3. revoke the refresh token at Logto;
 *  4. clear the session cookie (every chunk);
 *  5. 303 to Logto's end_session_endpoint with `id_token_hint` and
 *     `post_logout_redirect_uri` = NEXTAUTH_URL + `/` — or, when Logto is unreachable, home
 *     with a notice that only this site signed out.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html
 * @see https://www.rfc-editor.org/rfc/rfc7009 (token revocation)
 */
export function federatedSignOut(options: FederatedSignOutOptions = {}): NextApiHandler {
  return async (req, res) => {
    if (!rejectOtherMethods(req, res, ['POST'])) return;
    const env = options.env ?? getAuthEnv();
    const refusal = refuseForeignRequest(req, env);
    if (refusal) {
      res.status(refusal.status).json({ error: refusal.error, message: refusal.message });
      return;
    }

    const { secure } = authCookieNames(env.appUrl);
    const token = await getToken({ req, secret: env.secret, secureCookie: secure });

    let endSessionUrl: string | undefined;
    try {
      const logto = await (options.client ?? getLogtoClient)(env);
      const revoked = token?.refreshToken ? await revokeAtLogto(logto, token.refreshToken) : true;
      if (revoked) {
        endSessionUrl = logto.endSessionUrl({
          id_token_hint: token?.idToken,
          post_logout_redirect_uri: `${env.appUrl}/`,
        });
      }
    } catch (error) {
      console.warn(`[auth] Could not reach Logto to sign out: ${(error as Error).name}`);
    }

    clearSessionCookies(req, res, env.appUrl);
    res.redirect(303, endSessionUrl ?? SIGNED_OUT_LOCALLY_PATH);
  };
}
