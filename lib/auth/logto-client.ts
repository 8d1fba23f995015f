import { Issuer, type BaseClient } from 'openid-client';
import { getAuthEnv, type AuthEnv } from './env';

/**
 * One openid-client `Client` for Logto per process, for the calls next-auth does not make for us:
 * refresh, revocation and the end-session URL. Discovery runs once; a failure is not cached, so
 * the next call retries.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#issuer
 */
let pending: Promise<BaseClient> | undefined;

export function getLogtoClient(env: AuthEnv = getAuthEnv()): Promise<BaseClient> {
  if (!pending) {
    pending = createLogtoClient(env).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  }
  return pending;
}

async function createLogtoClient(env: AuthEnv): Promise<BaseClient> {
  const issuer = await Issuer.discover(`${env.issuer}/.well-known/openid-configuration`);
  return new issuer.Client({
    client_id: env.clientId,
    client_secret: env.clientSecret,
    redirect_uris: [`${env.appUrl}/api/auth/callback/logto`],
    post_logout_redirect_uris: [`${env.appUrl}/`],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES384',
  });
}

/** Forgets the cached client; for tests that point the app at another issuer. */
export function resetLogtoClient(): void {
  pending = undefined;
}
