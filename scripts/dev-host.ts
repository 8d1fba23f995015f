import { LOCAL_DEFAULTS } from '../lib/auth/env';

/** Where `npm run dev` puts the app unless DEV_HOST says otherwise: this machine only. */
export const DEFAULT_DEV_HOST = '127.0.0.1';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Raised when the app would be reachable from the network with the published secret. */
export class DevHostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevHostError';
  }
}

/**
 * The address `next dev` listens on: 127.0.0.1, or DEV_HOST for a demo on your network (e.g.
 * your LAN address). Off loopback, the session secret must be one of your own: the development
 * default is published in this repository, and anyone who can reach the app could forge a
 * session cookie with it.
 * @see ../README.md#a-demo-on-your-network
 */
export function devHost(env: Record<string, string | undefined>): string {
  const host = env.DEV_HOST?.trim() || DEFAULT_DEV_HOST;
  if (LOOPBACK.test(host)) return host;
  const secretVariable = env.NEXTAUTH_SECRET?.trim() ? 'NEXTAUTH_SECRET' : 'AUTH_SECRET';
  const secret = env[secretVariable]?.trim();
  if (!secret || secret === LOCAL_DEFAULTS.NEXTAUTH_SECRET) {
    const why = secret
      ? `${secretVariable} is the development secret published in this repository`
      : 'NEXTAUTH_SECRET is not set, so the app would use the development secret published in this repository';
    throw new DevHostError(
      `DEV_HOST=${host} puts the app on your network, but ${why}: anyone who can reach it could forge a session cookie. ` +
        'Set NEXTAUTH_SECRET in .env.local to a secret of your own (`openssl rand -base64 32`), or unset DEV_HOST to keep the app on 127.0.0.1.',
    );
  }
  return host;
}
