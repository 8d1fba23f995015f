import type { NextAuthOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import type { AuthEnv } from '@/lib/auth/core/env';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { speedLayer } from '@/lib/auth/speed';
import type { MockLogto } from '@bookstore/mock-logto';

/** The validated configuration of an app registered at the mocked Logto, served on localhost. */
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

/** The app's auth for this configuration, wired as `auth.ts` wires it: the core with speed. */
export function appAuthFor(env: AuthEnv) {
  return createLogtoAuth({ env, speed: speedLayer() });
}

/** The options' `session` callback, called as next-auth calls it. */
export async function sessionCallback(
  options: NextAuthOptions,
  session: Partial<Session>,
  token: JWT,
): Promise<Session> {
  const callback = options.callbacks!.session! as (params: {
    session: Partial<Session>;
    token: JWT;
  }) => Promise<Session>;
  return callback({ session, token });
}
