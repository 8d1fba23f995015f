import type { BaseClient, Issuer } from 'openid-client';
import { getAuthEnv, type AuthEnv } from './env';
import {
  forgetLogtoDiscovery,
  logtoDiscovery,
  withLogtoHttpOptions,
  wellKnownUrl,
} from './discovery';
import { DEFAULT_ID_TOKEN_ALG } from './id-token-alg';

/**
 * One openid-client `Client` for Logto per process, for the calls next-auth does not make for us:
 * refresh, revocation and the end-session URL. It sits on the same discovery cache as the
 * provider, so these calls share its document, keys, timeout and keep-alive connections. A
 * failed discovery is not cached: the next call retries.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#issuer
 */
export async function getLogtoClient(env: AuthEnv = getAuthEnv()): Promise<BaseClient> {
  const issuer = await logtoDiscovery(wellKnownUrl(env.issuer)).getIssuer();
  const key = clientKey(env);
  const cached = clients.get(issuer);
  if (cached?.key === key) return cached.client;
  const client = withLogtoHttpOptions(
    new issuer.Client({
      client_id: env.clientId,
      client_secret: env.clientSecret,
      redirect_uris: [`${env.appUrl}/api/auth/callback/logto`],
      post_logout_redirect_uris: [`${env.appUrl}/`],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: env.idTokenAlg ?? DEFAULT_ID_TOKEN_ALG,
    }),
  );
  clients.set(issuer, { key, client });
  return client;
}

/** A client per Issuer: when discovery finds a changed document, a new client follows it. */
const clients = new WeakMap<Issuer<BaseClient>, { key: string; client: BaseClient }>();

function clientKey(env: AuthEnv): string {
  return JSON.stringify([env.clientId, env.clientSecret, env.appUrl, env.idTokenAlg]);
}

/** Forgets the cached discovery and client; for tests that point the app at another issuer. */
export function resetLogtoClient(): void {
  forgetLogtoDiscovery();
}
