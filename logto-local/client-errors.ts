import type { Context } from 'koa';

/** Errors already logged: Koa and the mounted oidc-provider may both report the same one. */
const logged = new WeakSet<Error>();

/**
 * Koa's and oidc-provider's `error` event: one line for an error that reached Koa after a response
 * was decided (a client that sent a malformed chunk, a body cut short, a request that timed out).
 * Koa's default prints the stack of each, so anyone could fill the terminal with them.
 * @see https://koajs.com/#error-handling
 */
export function logClientError(error: Error & { code?: string; status?: number }, ctx?: Context) {
  if (error.status === 404 || (error as { expose?: boolean }).expose || logged.has(error)) return;
  logged.add(error);
  // Under /oidc the provider sees the path without its mount; originalUrl keeps it (server.ts).
  const url = (ctx?.req as { originalUrl?: string } | undefined)?.originalUrl ?? ctx?.url;
  const where = ctx ? ` on ${ctx.method} ${url?.split('?')[0]}` : '';
  const code = error.code ? ` (${error.code})` : '';
  console.error(`logto-local: request failed${where}${code}: ${error.message.split('\n')[0]}`);
}
