/**
 * The development tenant that logto-local serves and the app uses when no Logto is configured:
 * where logto-local listens, the client it seeds, and where it expects the app. One home for
 * these facts; the app's env defaults, logto-local's config and `npm run dev` all read it.
 * @see ../README.md#what-npm-run-dev-starts
 */
export const LOCAL_TENANT = {
  port: 3001,
  issuer: 'http://localhost:3001/oidc',
  clientId: 'bookstore-local',
  clientSecret: 'bookstore-local-secret',
  appUrl: 'http://localhost:3000',
} as const;

/**
 * The session secret `npm run dev` uses while NEXTAUTH_SECRET is unset. It is published here, so
 * the app never uses it in production (lib/auth/core/env.ts applies development defaults in
 * development only) and `npm run dev` refuses it off loopback (scripts/dev-host.ts).
 */
export const DEV_SESSION_SECRET = 'bookstore-development-secret-do-not-use-in-production';
