/**
 * What a fresh Logto needs before a test can drive it: a machine-to-machine app with the
 * Management API role, and Logto's mock SMS connector (it writes each code to a file).
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api
 */

import { managementResource, managementTenantId } from '../logto-setup/management-resource';

/** The seeded scope `all` of the default tenant's Management API. */
const MANAGEMENT_SCOPE_ID = 'management-api-all';

export interface M2mApp {
  id: string;
  secret: string;
}

/** Sends one Management API request; throws with the method, path, status and body on failure. */
export type ManagementRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * Requests authorised by `headers`: a bearer token, or on a Logto started with
 * INTEGRATION_TEST=true the `development-user-id` header its own integration tests use.
 */
export function managementRequest(
  endpoint: string,
  headers: Record<string, string>,
): ManagementRequest {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${endpoint}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    // Some writes answer 201 with a plain "Created".
    const json = response.headers.get('content-type')?.includes('json');
    return (json && text ? JSON.parse(text) : undefined) as T;
  };
}

/** Creates the M2M app and a role holding the Management API's `all` scope, and assigns it. */
export async function createM2mApp(request: ManagementRequest, name: string): Promise<M2mApp> {
  const app = await request<{ id: string }>('POST', '/api/applications', {
    name,
    type: 'MachineToMachine',
    description: 'Drives the Management API for the Bookstore suite against a real Logto',
  });
  const role = await request<{ id: string }>('POST', '/api/roles', {
    name: `${name} (Management API access)`,
    description: 'Logto Management API access for the Bookstore suite',
    type: 'MachineToMachine',
    scopeIds: [MANAGEMENT_SCOPE_ID],
  });
  await request('POST', `/api/roles/${role.id}/applications`, { applicationIds: [app.id] });
  // Current Logto keeps usable secrets apart from the application (its own `secret` field is an
  // internal placeholder).
  const secrets = await request<{ value: string }[]>('GET', `/api/applications/${app.id}/secrets`);
  const secret = secrets[0]?.value;
  if (!secret) throw new Error(`Logto returned no secret for the new application ${app.id}`);
  return { id: app.id, secret };
}

/**
 * A Management API token for the M2M app (`client_credentials`, scope `all`), for the tenant
 * `npm run logto:setup` would address: the one LOGTO_TENANT_ID names on a custom domain.
 */
export async function fetchManagementToken(
  endpoint: string,
  app: M2mApp,
  resource = managementResource(managementTenantId(endpoint, process.env.LOGTO_TENANT_ID)),
): Promise<string> {
  const response = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource,
      scope: 'all',
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(
      `Logto refused a Management API token for ${app.id} (${response.status}): ${body.error_description ?? JSON.stringify(body)}`,
    );
  }
  return body.access_token;
}

/** Management API requests as the M2M app. */
export async function asM2mApp(endpoint: string, app: M2mApp): Promise<ManagementRequest> {
  const token = await fetchManagementToken(endpoint, app);
  return managementRequest(endpoint, { authorization: `Bearer ${token}` });
}

/** Logto's mock SMS connector: it writes each message to {@link MOCK_SMS_RECORD}. */
export const MOCK_SMS_CONNECTOR_ID = 'mock-short-message-service';

/** Where the mock SMS connector writes the last message, as JSON `{phone, code, type, payload}`. */
export const MOCK_SMS_RECORD = '/tmp/logto/mock_sms_record.txt';

/**
 * Makes the mock SMS connector the tenant's SMS connector (creating an SMS connector replaces
 * the existing one). Its config guard asks for Twilio-shaped fields it never uses, and the
 * templates the real connectors take.
 */
export async function installMockSmsConnector(
  request: ManagementRequest,
  templates: { usageType: string; content: string }[],
): Promise<void> {
  await request('POST', '/api/connectors', {
    connectorId: MOCK_SMS_CONNECTOR_ID,
    config: {
      accountSID: 'mock-account',
      authToken: 'mock-token',
      fromMessagingServiceSID: 'mock-sender',
      templates,
    },
  });
}
