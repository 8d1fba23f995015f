import type { Context } from 'koa';

/**
 * Koa's and oidc-provider's `error` event: one line for an error that reached Koa after a response
 * was decided (a client that sent a malformed chunk, a body cut short, a request that timed out).
 * Koa's default prints the stack of each, so anyone could fill the terminal with them.
 * @see https://koajs.com/#error-handling
 */
export function logClientError(error: Error & { code?: string; status?: number }, ctx?: Context) {
  if (error.status === 404 || (error as { expose?: boolean }).expose) return;
  const where = ctx ? ` on ${ctx.method} ${ctx.path}` : '';
  const code = error.code ? ` (${error.code})` : '';
  console.error(`logto-local: request failed${where}${code}: ${error.message.split('\n')[0]}`);
}
