import type { NextAuthOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import type { AuthEnv } from '@/lib/auth/core/env';
import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { speedLayer } from '@/lib/auth/speed';

export { authEnvFor } from './mock-logto-env';

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
