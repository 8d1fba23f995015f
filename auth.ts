import { createLogtoAuth } from '@/lib/auth/core/logto-auth';
import { redisAuthStore } from '@/lib/auth/redis/redis-store';
import { speedLayer } from '@/lib/auth/speed';
import { DEV_SESSION_SECRET, LOCAL_TENANT } from '@/logto-config/local-tenant';

/**
 * The app's auth, built once from the environment: lib/auth's core, with its speed layer on top
 * (drop `speed` and the app works the same, only slower). In development, variables that are
 * not set fall back to logto-local's tenant, so `npm run dev` needs no configuration.
 * @see README.md#files-to-copy-in-order
 */
export const {
  env,
  authOptions,
  nextAuthHandler,
  requireSession,
  withSession,
  federatedSignOut,
  authErrorPageProps,
  phoneChangeUrl,
  refreshAfterAccountCenter,
} = createLogtoAuth({
  devDefaults: {
    issuer: LOCAL_TENANT.issuer,
    clientId: LOCAL_TENANT.clientId,
    clientSecret: LOCAL_TENANT.clientSecret,
    appUrl: LOCAL_TENANT.appUrl,
    secret: DEV_SESSION_SECRET,
  },
  speed: speedLayer(),
  // Several instances share sign-outs and refreshes through Redis; one keeps them in memory.
  store: process.env.REDIS_URL ? redisAuthStore({ url: process.env.REDIS_URL }) : undefined,
});
