import type { AuthEnv } from '@/lib/auth/core/env';
import type { MockLogto } from '@bookstore/mock-logto';

/**
 * The validated configuration of an app registered at the mocked Logto, served on localhost:
 * the same under next-auth 4 and Auth.js v5 (lib/auth/core/env.ts serves both).
 */
export function authEnvFor(logto: MockLogto): AuthEnv {
  return {
    issuer: logto.issuer,
    clientId: logto.clientId,
    clientSecret: logto.clientSecret,
    appUrl: 'http://localhost:3000',
    secret: 's'.repeat(40),
    idTokenAlg: 'ES384',
  };
}
