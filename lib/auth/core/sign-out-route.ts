import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import type { JWT } from 'next-auth/jwt';
import { errors, type BaseClient } from 'openid-client';
import { isValidCsrfToken } from './csrf';
import type { AuthEnv } from './env';
import { rejectOtherMethods } from './methods';
import { keepRevoking } from './revocation-retries';
import { SIGNED_OUT_LOCALLY_PATH } from './routes';
import { isAppOrigin } from './same-origin';
import type { SignedOutSessions } from './signed-out';

/**
 * What the sign-out route needs of the next-auth version it serves (./sign-out.ts for v4; an
 * Auth.js v5 app passes v5's cookie names and reader).
 */
export interface SignOutContext {
  env: AuthEnv;
  logtoClient: () => Promise<BaseClient>;
  signedOut: SignedOutSessions;
  /** The CSRF cookie's name, and the secret its hash was made with. */
  csrf: { cookieName: string; secret: string };
  /** The session's token, read before its cookie is cleared; null without one. */
  readToken(req: NextApiRequest): Promise<JWT | null>;
  /** Clears the session cookie, every chunk. */
  clearSession(req: NextApiRequest, res: NextApiResponse): void;
}

type Refusal = { status: 403; error: string; message: string };

function refuseForeignRequest(
  req: NextApiRequest,
  { env, csrf }: SignOutContext,
): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !isAppOrigin(origin, env.appUrl)) {
    return {
      status: 403,
      error: 'foreign_origin',
      message: `Sign-out was requested from ${origin}, not from this site. Use the Sign out button on the site.`,
    };
  }
  const cookie = req.cookies[csrf.cookieName];
  const posted = (req.body as Record<string, unknown> | undefined)?.csrfToken;
  if (!isValidCsrfToken(cookie, posted, csrf.secret)) {
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

/**
 * The POST route that signs out here and at Logto, for a form on any page of either router.
 * next-auth's own `signOut()` only clears its cookie (its redirect callback drops a Logto URL,
 * `events.signOut` cannot redirect), so signing in again would go straight through on Logto's
 * still-open session. In order:
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
export function federatedSignOutRoute(
  context: SignOutContext,
  { revocationRetryDelaysMs }: { revocationRetryDelaysMs?: readonly number[] } = {},
): NextApiHandler {
  return async (req, res) => {
    if (!rejectOtherMethods(req, res, ['POST'])) return;
    const { env, logtoClient, signedOut } = context;
    const refusal = refuseForeignRequest(req, context);
    if (refusal) {
      res.status(refusal.status).json({ error: refusal.error, message: refusal.message });
      return;
    }

    const token = await context.readToken(req);

    // First, so that every copy of this cookie is refused from now on, whatever Logto says.
    await signedOut.record(token);

    let endSessionUrl: string | undefined;
    try {
      // A discovery that failed before (Logto down when the app started) is tried again here.
      const logto = await logtoClient();
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
    const refreshToken = token?.refreshToken;
    if (endSessionUrl === undefined && refreshToken) {
      keepRevoking(
        async () => revokeAtLogto(await logtoClient(), refreshToken),
        revocationRetryDelaysMs,
      );
    }

    context.clearSession(req, res);
    res.redirect(303, endSessionUrl ?? SIGNED_OUT_LOCALLY_PATH);
  };
}
