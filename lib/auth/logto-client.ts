import type { BaseClient } from 'openid-client';
import { logtoDiscovery, wellKnownUrl } from './discovery';
import { getAuthEnv, type AuthEnv } from './env';
import Logto from './logto';

/**
 * An openid-client `Client` for Logto, for the calls next-auth does not make for us: refresh,
 * revocation and the end-session URL. It sits on this bundle's Issuer from the discovery cache,
 * so these calls share its document, keys, timeout and keep-alive connections, and it comes from
 * the same copy of openid-client as the code that calls it (see ./discovery.ts). A failed
 * discovery is not cached: the next call retries.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#client
 */
export async function getLogtoClient(env: AuthEnv = getAuthEnv()): Promise<BaseClient> {
  const discovery = logtoDiscovery(wellKnownUrl(env.issuer));
  const issuer = await discovery.getIssuer();
  const cached = clients.get(env);
  if (cached?.issuer === issuer) return cached.client;
  // The provider's own client settings (ID token alg, auth method): one home for them.
  const provider = Logto({
    issuer: env.issuer,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    idTokenAlg: env.idTokenAlg,
  });
  // No redirect or post-logout URIs: refresh and revocation take none, and sign-out passes its
  // post_logout_redirect_uri to endSessionUrl() itself (lib/auth/sign-out.ts).
  const client = await discovery.createClient({
    ...provider.client,
    client_id: env.clientId,
    client_secret: env.clientSecret,
  });
  clients.set(env, { issuer, client });
  return client;
}

/** One client per configuration, replaced when discovery hands out a new Issuer. */
const clients = new WeakMap<AuthEnv, { issuer: object; client: BaseClient }>();
