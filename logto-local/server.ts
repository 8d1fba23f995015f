import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from '@koa/router';
import Koa, { type Context } from 'koa';
import type Provider from 'oidc-provider';
import { errors as oidcErrors } from 'oidc-provider';
import { BadRequestError } from './form-body';
import { logClientError } from './client-errors';
import { requireAllowedHost } from './host-allowlist';
import { chooseLocale } from '../lib/i18n/locales';
import { renderErrorPage } from './sign-in/pages';
import { renderOutboxPage, type Outbox } from './sms';
import { renderEmailOutboxPage, type EmailOutboxEntry } from './email';

/** Where oidc-provider is mounted: the issuer is `http://localhost:PORT/oidc`, as on Logto. */
export const OIDC_MOUNT_PATH = '/oidc';

const SESSION_EXPIRED_MESSAGE =
  'This sign-in has expired or was already completed. Go back to the app and sign in again.';

/**
 * The HTTP app: oidc-provider under /oidc (handed the request with the prefix stripped and
 * `originalUrl` kept, so it builds its URLs with the prefix), the sign-in pages, and the dev outbox.
 * Every failure becomes a clear HTML page or JSON error without a stack trace.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#mounting-oidc-provider
 */
export function createApp(options: {
  provider: Provider;
  signInRouter: Router;
  /** Logto's Account Center pages (`/account/phone`). */
  accountRouter: Router;
  outbox: Outbox;
  /** The dev email outbox (GET /dev/email), kept whether or not the tenant has email. */
  emailOutbox: Outbox<EmailOutboxEntry>;
  /** Logto Console's "Rotate private keys"; returns the published kids, the signing one first. */
  rotateSigningKeys: () => Promise<string[]>;
  /** `Host` values answered (./host-allowlist.ts); any other gets 421. */
  hosts: ReadonlySet<string>;
}): Koa {
  const { provider, signInRouter, outbox, rotateSigningKeys } = options;
  const app = new Koa();
  const oidcCallback = provider.callback();
  // Koa prints a stack for every error that reaches it; a client's malformed request is worth
  // one line, not a stack (./client-errors.ts).
  app.silent = true;
  app.on('error', logClientError);
  // oidc-provider is a Koa app of its own (provider.callback() above): same treatment.
  provider.silent = true;
  (provider as Koa).on('error', logClientError);

  app.use(requireAllowedHost(options.hosts));

  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    try {
      await next();
      if (
        ctx.body === undefined &&
        ctx.respond !== false &&
        (ctx.status === 404 || ctx.status === 405)
      ) {
        const message =
          ctx.status === 404
            ? `Nothing lives at ${ctx.path}. The provider is at ${OIDC_MOUNT_PATH}/.well-known/openid-configuration.`
            : `${ctx.method} is not allowed here (use ${ctx.response.get('Allow') || 'another method'}).`;
        respondWithError(ctx, ctx.status, message);
      }
    } catch (error) {
      handleError(ctx, error);
    }
  });

  app.use(async (ctx, next) => {
    if (ctx.path !== OIDC_MOUNT_PATH && !ctx.path.startsWith(`${OIDC_MOUNT_PATH}/`)) return next();
    const req = ctx.req as IncomingMessage & { originalUrl?: string };
    const url = req.url ?? '/';
    const rest = url.slice(OIDC_MOUNT_PATH.length);
    req.originalUrl = url;
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    ctx.respond = false;
    await oidcCallback(req, ctx.res as ServerResponse);
  });

  const devRouter = new Router({ prefix: '/dev' });
  devRouter.get('/sms', (ctx) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderOutboxPage(
      outbox.list(),
      chooseLocale({ acceptLanguage: ctx.get('accept-language') }),
    );
  });
  devRouter.get('/sms.json', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = outbox.list();
  });
  devRouter.get('/email', (ctx) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderEmailOutboxPage(
      options.emailOutbox.list(),
      chooseLocale({ acceptLanguage: ctx.get('accept-language') }),
    );
  });
  devRouter.get('/email.json', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = options.emailOutbox.list();
  });
  // JSON only: a cross-site form cannot send it without a CORS preflight, which gets no answer.
  devRouter.post('/rotate-keys', async (ctx) => {
    if (!ctx.is('application/json')) {
      respondWithError(ctx, 415, 'Send POST /dev/rotate-keys with Content-Type: application/json.');
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { kids: await rotateSigningKeys() };
  });

  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/interaction/')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  app.use(devRouter.routes()).use(devRouter.allowedMethods());
  app.use(signInRouter.routes()).use(signInRouter.allowedMethods());
  app.use(options.accountRouter.routes()).use(options.accountRouter.allowedMethods());
  return app;
}

function handleError(ctx: Context, error: unknown) {
  if (error instanceof BadRequestError) {
    respondWithError(ctx, error.status, error.message);
    return;
  }
  if (error instanceof oidcErrors.SessionNotFound || (error as Error)?.name === 'SessionNotFound') {
    respondWithError(ctx, 400, SESSION_EXPIRED_MESSAGE);
    return;
  }
  if (error instanceof oidcErrors.OIDCProviderError && error.statusCode < 500) {
    respondWithError(ctx, error.statusCode, error.error_description ?? error.message);
    return;
  }
  console.error(
    `logto-local: unexpected error on ${ctx.method} ${ctx.path}: ${(error as Error)?.message}`,
  );
  respondWithError(
    ctx,
    500,
    'logto-local hit an unexpected error. Try again; if it persists, restart it.',
  );
}

function respondWithError(ctx: Context, status: number, message: string) {
  ctx.status = status;
  // An error replaces whatever redirect the failed handler had set.
  ctx.remove('Location');
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.body = {
      error: status === 500 ? 'server_error' : 'invalid_request',
      error_description: message,
    };
    return;
  }
  ctx.type = 'html';
  ctx.body = renderErrorPage({
    locale: chooseLocale({ acceptLanguage: ctx.get('accept-language') }),
    message,
  });
}
