import type { Middleware } from 'koa';

/**
 * The `Host` values logto-local answers: loopback names with its own port, plus the issuer's host
 * (LOGTO_LOCAL_ISSUER may name another). Anything else is a DNS-rebinding attempt, where a page on
 * `attacker.example` resolves its own name to 127.0.0.1 and reads the dev outbox or discovery
 * through the victim's browser: listening on loopback alone does not stop that.
 * @see https://en.wikipedia.org/wiki/DNS_rebinding
 */
export function allowedHosts(port: number, issuer: string): Set<string> {
  const hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  hosts.add(new URL(issuer).host.toLowerCase());
  return hosts;
}

/**
 * Refuses a request whose `Host` is not in `hosts`: 400 without one, 421 (Misdirected Request)
 * with a foreign one, before any route runs.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-421-misdirected-request
 */
export function requireAllowedHost(hosts: ReadonlySet<string>): Middleware {
  return async (ctx, next) => {
    const host = ctx.get('host').toLowerCase();
    if (hosts.has(host)) return next();
    ctx.status = host === '' ? 400 : 421;
    ctx.type = 'text';
    ctx.set('Cache-Control', 'no-store');
    ctx.body =
      host === ''
        ? 'logto-local needs a Host header.\n'
        : `logto-local answers only for ${[...hosts].join(', ')}; this request named another host. Use one of those URLs.\n`;
  };
}
