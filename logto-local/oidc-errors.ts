import type { Context, Middleware } from 'koa';
import type { errors } from 'oidc-provider';

/** oidc-provider's error body: `error` and, usually, `error_description`. */
interface ProtocolError {
  error: string;
  error_description?: string;
  [field: string]: unknown;
}

// What each protocol error means, in a sentence; anything else gets the generic one.
const MESSAGES: Record<string, string> = {
  access_denied: 'Access was denied.',
  invalid_client: 'The client is unknown or failed to authenticate.',
  invalid_grant: 'The grant (code or refresh token) is invalid, expired or already used.',
  invalid_redirect_uri: "redirect_uri is not one of the client's registered redirect URIs.",
  invalid_request: 'The request is invalid.',
  invalid_scope: 'A requested scope is invalid.',
  invalid_target: 'The resource indicator is invalid.',
  invalid_token: 'The token is invalid.',
  server_error: 'An unexpected error occurred; try again later.',
  unsupported_grant_type: 'This grant_type is not supported.',
  unsupported_response_type: 'This response_type is not supported.',
};

function isProtocolError(body: unknown): body is ProtocolError {
  return (
    body !== null &&
    typeof body === 'object' &&
    typeof (body as { error?: unknown }).error === 'string'
  );
}

/**
 * Answers every protocol error as Logto does, as JSON whatever the client accepts:
 * `{ code: "oidc.<error>", message, error, error_description }`, with `session.not_found` for an
 * interaction whose session is gone. Logto's `renderError` hands oidc-provider's body on as it is,
 * and a middleware adds `code` and `message`.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/middleware/koa-oidc-error-handler.ts
 */
export const logtoProtocolErrors: Middleware = async (ctx, next) => {
  await next();
  if (ctx.status < 400 || !isProtocolError(ctx.body)) return;
  const body = ctx.body;
  const sessionGone = /session.*not found|authorization request has expired/.test(
    body.error_description ?? '',
  );
  const code = sessionGone ? 'session.not_found' : `oidc.${body.error}`;
  const message = sessionGone
    ? 'The sign-in session was not found. Go back to the app and sign in again.'
    : (MESSAGES[body.error] ?? `A protocol error occurred: ${code}.`);
  ctx.body = { code, message, ...body };
};

/**
 * Answers with oidc-provider's error body, from a middleware of logto-local's own that runs inside
 * the provider; logtoProtocolErrors then adds Logto's code and message.
 */
export function answerProtocolError(ctx: Context, error: errors.OIDCProviderError): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = error.statusCode;
  ctx.body = { error: error.error, error_description: error.error_description };
}
