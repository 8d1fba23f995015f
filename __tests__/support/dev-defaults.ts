import type { AuthDevDefaults } from '@/lib/auth/core/env';

/** What an app passes for development: a local Logto, the client it seeds, a fixed secret. */
export const DEV_DEFAULTS: AuthDevDefaults = {
  issuer: 'http://localhost:3001/oidc',
  clientId: 'local-client',
  clientSecret: 'local-client-secret',
  appUrl: 'http://localhost:3000',
  secret: 'd'.repeat(40),
};
