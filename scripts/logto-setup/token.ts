import { SetupStepError } from './errors';
import { type Fetch, explainFailure, fetchOrExplain } from './management-api';

export const TOKEN_STEP = 'Management API token';

/**
 * The Management API's resource indicator: `https://<tenant>.logto.app/api` on Logto Cloud,
 * `https://default.logto.app/api` on a self-hosted (OSS) Logto; `LOGTO_MANAGEMENT_RESOURCE` wins.
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api
 */
export function managementResource(endpoint: string, override: string | undefined): string {
  if (override !== undefined && override.trim() !== '') return override.trim();
  const cloudTenant = /^([a-z0-9]+)\.logto\.app$/i.exec(new URL(endpoint).hostname);
  return cloudTenant ? `https://${cloudTenant[1]}.logto.app/api` : 'https://default.logto.app/api';
}

interface TokenResponse {
  access_token?: string;
  scope?: string;
}

/**
 * Gets a Management API access token with a form-encoded `client_credentials` grant asking for
 * scope `all`. A token without `all` would fail later on every call, so it is refused here.
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api#fetch-an-access-token
 */
export async function fetchManagementToken(options: {
  endpoint: string;
  appId: string;
  appSecret: string;
  resource: string;
  fetch: Fetch;
}): Promise<string> {
  const basic = Buffer.from(`${options.appId}:${options.appSecret}`).toString('base64');
  const response = await fetchOrExplain(
    options.fetch,
    TOKEN_STEP,
    options.endpoint,
    `${options.endpoint}/oidc/token`,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        resource: options.resource,
        scope: 'all',
      }).toString(),
    },
  );
  if (!response.ok) throw await explainFailure(TOKEN_STEP, 'POST /oidc/token', response);
  const token = (await response.json()) as TokenResponse;
  if (typeof token.access_token !== 'string' || token.access_token === '') {
    throw new SetupStepError(
      TOKEN_STEP,
      'Logto answered the token request without an access_token.',
    );
  }
  const scopes = (token.scope ?? '').split(' ').filter(Boolean);
  if (!scopes.includes('all')) {
    throw new SetupStepError(
      TOKEN_STEP,
      `the token for ${options.resource} lacks the "all" scope (got "${token.scope ?? ''}"). Assign the "Logto Management API access" role to the machine-to-machine app ${options.appId}, or set LOGTO_MANAGEMENT_RESOURCE if your tenant uses another resource.`,
    );
  }
  return token.access_token;
}
