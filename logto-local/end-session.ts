import { decodeJwt } from 'jose';
import type { Context, Middleware } from 'koa';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { BadRequestError, readForm } from './form-body';
import { answerProtocolError } from './oidc-errors';
import { MAX_STATE_LENGTH, stateTooLong } from './state-limit';

/** oidc-provider's end-session path, below the `/oidc` mount. */
const END_SESSION_PATH = '/session/end';

/**
 * RP-initiated logout from a browser that has no session here (no session cookie, or one naming a
 * session that is gone): nothing to end, so nothing is stored. oidc-provider would save a Session
 * row for 14 days only to carry the request to its confirmation step, and a cross-site `<img>`
 * (which sends no cookie) could fill the database that way. The request is checked as oidc-provider
 * checks it (an ID token hint it signed for a known client, or a client_id; a registered
 * post_logout_redirect_uri), then answered as its confirmation step would: a redirect to that URI
 * with `state`, or to the signed-out page.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
 * @see https://github.com/panva/node-oidc-provider/blob/main/lib/actions/end_session.js
 */
export function endSessionWithoutSession(provider: Provider): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== END_SESSION_PATH || (ctx.method !== 'GET' && ctx.method !== 'POST')) {
      return next();
    }
    const sessionId = ctx.cookies.get(provider.cookieName('session'));
    if (sessionId && (await provider.Session.find(sessionId))) return next();
    try {
      const params = await readParams(ctx);
      const redirectTo = await postLogoutRedirect(provider, params);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 303;
      ctx.redirect(redirectTo ?? `${provider.issuer}${END_SESSION_PATH}/success`);
    } catch (error) {
      if (error instanceof errors.OIDCProviderError) return answerProtocolError(ctx, error);
      if (error instanceof BadRequestError) {
        return answerProtocolError(ctx, new errors.InvalidRequest(error.message, error.status));
      }
      throw error;
    }
  };
}

type EndSessionParams = Partial<
  Record<'id_token_hint' | 'client_id' | 'post_logout_redirect_uri' | 'state', string>
>;

const PARAMS = ['id_token_hint', 'client_id', 'post_logout_redirect_uri', 'state'] as const;

async function readParams(ctx: Context): Promise<EndSessionParams> {
  const source = ctx.method === 'POST' ? await readForm(ctx) : new URLSearchParams(ctx.querystring);
  const params: EndSessionParams = {};
  for (const name of PARAMS) {
    const values = source.getAll(name);
    if (values.length > 1) {
      throw new errors.InvalidRequest(`'${name}' parameter must not be provided twice`);
    }
    if (values[0]) params[name] = values[0];
  }
  if ((params.state?.length ?? 0) > MAX_STATE_LENGTH) {
    throw new errors.InvalidRequest(stateTooLong(params.state!.length));
  }
  return params;
}

/** The registered post-logout URI to send the browser to, with `state`; undefined: none given. */
async function postLogoutRedirect(
  provider: Provider,
  params: EndSessionParams,
): Promise<string | undefined> {
  let clientId = params.client_id;
  if (params.id_token_hint) {
    let audience: unknown;
    try {
      audience = decodeJwt(params.id_token_hint).aud;
    } catch {
      throw new errors.InvalidRequest('could not decode id_token_hint');
    }
    if (typeof audience !== 'string')
      throw new errors.InvalidRequest('could not decode id_token_hint');
    if (clientId && clientId !== audience) {
      throw new errors.InvalidRequest('client_id does not match the provided id_token_hint');
    }
    clientId = audience;
  }
  const client = clientId ? await provider.Client.find(clientId) : undefined;
  if (clientId && !client) throw new errors.InvalidClient('client is invalid', 'client not found');
  if (client && params.id_token_hint) {
    try {
      await provider.IdToken.validate(params.id_token_hint, client);
    } catch (cause) {
      if (cause instanceof errors.OIDCProviderError) throw cause;
      throw new errors.InvalidRequest('could not validate id_token_hint');
    }
  }
  const uri = params.post_logout_redirect_uri;
  if (!client || uri === undefined) return undefined;
  if (!client.postLogoutRedirectUriAllowed(uri)) {
    throw new errors.InvalidRequest('post_logout_redirect_uri not registered');
  }
  if (params.state === undefined) return uri;
  const url = new URL(uri);
  url.searchParams.set('state', params.state);
  return url.href;
}
