import { allScope } from '@logto/api/management';

import { SetupStepError } from './errors';
import { explainFailure } from './logto-failure';
import { unreachable } from './management-api';

export const TOKEN_STEP = 'Management API token';

interface TokenResponse {
  access_token?: string;
  scope?: string;
}

/**
 * Gets a Management API access token with a form-encoded `client_credentials` grant asking for
 * scope `all`. `@logto/api`'s own token helper reports only the HTTP status, so this request is
 * made here to explain a 401 or a wrong resource; every Management API call goes through
 * `@logto/api` (./management-api.ts). A token without `all` would fail later on every call, so it
 * is refused here.
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api#fetch-an-access-token
 */
export async function fetchManagementToken(options: {
  endpoint: string;
  appId: string;
  appSecret: string;
  resource: string;
}): Promise<string> {
  const basic = Buffer.from(`${options.appId}:${options.appSecret}`).toString('base64');
  let response: Response;
  try {
    response = await fetch(`${options.endpoint}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        resource: options.resource,
        scope: allScope,
      }).toString(),
    });
  } catch (error) {
    throw unreachable(TOKEN_STEP, options.endpoint, error);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as unknown;
    if ((body as { error?: string } | undefined)?.error === 'invalid_target') {
      throw new SetupStepError(
        TOKEN_STEP,
        `Logto does not know the Management API resource ${options.resource} (invalid_target). Check LOGTO_TENANT_ID, or that LOGTO_ENDPOINT is your tenant's address.`,
      );
    }
    throw explainFailure(TOKEN_STEP, 'POST /oidc/token', { status: response.status, body });
  }
  const token = (await response.json()) as TokenResponse;
  if (typeof token.access_token !== 'string' || token.access_token === '') {
    throw new SetupStepError(
      TOKEN_STEP,
      'Logto answered the token request without an access_token.',
    );
  }
  const scopes = (token.scope ?? '').split(' ').filter(Boolean);
  if (!scopes.includes(allScope)) {
    throw new SetupStepError(
      TOKEN_STEP,
      `the token for ${options.resource} lacks the "all" scope (got "${token.scope ?? ''}"). Assign the "Logto Management API access" role to the machine-to-machine app ${options.appId}.`,
    );
  }
  return token.access_token;
}
