/**
 * What a fresh Logto needs before a test can drive it: a machine-to-machine app with the
 * Management API role, and Logto's mock SMS connector (it writes each code to a file).
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api
 */

import { createApiClient } from '@logto/api/management';
import { managementResource, managementTenantId } from '../logto-setup/management-resource';

/** The seeded scope `all` of the default tenant's Management API. */
const MANAGEMENT_SCOPE_ID = 'management-api-all';

export interface M2mApp {
  id: string;
  secret: string;
}

/** Logto's typed Management API client (`@logto/api`), as `npm run logto:setup` uses it. */
export type ManagementClient = ReturnType<typeof createApiClient>;

/**
 * The typed client, authorised by a bearer token, or, on a Logto started with
 * INTEGRATION_TEST=true, by the `development-user-id` header its own integration tests use (no
 * Management API token can exist before the first M2M app does).
 * @see https://github.com/logto-io/logto/tree/master/packages/api
 */
export function managementClient(
  endpoint: string,
  auth: { token: string } | { developmentUserId: string },
): ManagementClient {
  const client = createApiClient({
    baseUrl: endpoint,
    getToken: async () => ('token' in auth ? auth.token : ''),
  });
  if ('developmentUserId' in auth) {
    client.use({
      onRequest: ({ request }) => {
        request.headers.delete('Authorization');
        request.headers.set('development-user-id', auth.developmentUserId);
        return request;
      },
    });
  }
  return client;
}

/** The data of one typed call, or an error naming the call, its status and Logto's answer. */
export async function dataOf<Data>(
  call: string,
  pending: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    throw new Error(`${call} answered ${response.status}: ${JSON.stringify(error).slice(0, 500)}`);
  }
  return data as Data;
}

/** Creates the M2M app and a role holding the Management API's `all` scope, and assigns it. */
export async function createM2mApp(api: ManagementClient, name: string): Promise<M2mApp> {
  const app = await dataOf(
    'POST /api/applications',
    api.POST('/api/applications', {
      body: {
        name,
        type: 'MachineToMachine',
        description: 'Drives the Management API for the Bookstore suite against a real Logto',
      },
    }),
  );
  const role = await dataOf(
    'POST /api/roles',
    api.POST('/api/roles', {
      body: {
        name: `${name} (Management API access)`,
        description: 'Logto Management API access for the Bookstore suite',
        type: 'MachineToMachine',
        scopeIds: [MANAGEMENT_SCOPE_ID],
      },
    }),
  );
  await dataOf(
    'POST /api/roles/:id/applications',
    api.POST('/api/roles/{id}/applications', {
      params: { path: { id: role.id } },
      body: { applicationIds: [app.id] },
      // Logto answers 201 with the plain text "Created".
      parseAs: 'text',
    }),
  );
  // Current Logto keeps usable secrets apart from the application (its own `secret` field is an
  // internal placeholder).
  const secrets = await dataOf(
    'GET /api/applications/:id/secrets',
    api.GET('/api/applications/{id}/secrets', { params: { path: { id: app.id } } }),
  );
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

/** The typed Management API client, as the M2M app. */
export async function asM2mApp(endpoint: string, app: M2mApp): Promise<ManagementClient> {
  return managementClient(endpoint, { token: await fetchManagementToken(endpoint, app) });
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
  api: ManagementClient,
  templates: { usageType: string; content: string }[],
): Promise<void> {
  await dataOf(
    'POST /api/connectors',
    api.POST('/api/connectors', {
      body: {
        connectorId: MOCK_SMS_CONNECTOR_ID,
        config: {
          accountSID: 'mock-account',
          authToken: 'mock-token',
          fromMessagingServiceSID: 'mock-sender',
          templates,
        },
      },
    }),
  );
}

/** Logto's mock email connector: it writes each email to {@link MOCK_EMAIL_RECORD}. */
export const MOCK_EMAIL_CONNECTOR_ID = 'mock-email-service';

/**
 * Where the mock email connector writes the last email, as JSON
 * `{address, code, type, payload, subject, content}`.
 */
export const MOCK_EMAIL_RECORD = '/tmp/logto/mock_email_record.txt';

/**
 * Makes the mock email connector the tenant's email connector (creating one replaces the existing
 * one, e.g. the SMTP connector `npm run logto:setup` made), with the SMTP connector's templates:
 * the mock names a template's content type `type` where SMTP says `contentType`.
 */
export async function installMockEmailConnector(
  api: ManagementClient,
  templates: { usageType: string; contentType: string; subject: string; content: string }[],
): Promise<void> {
  await dataOf(
    'POST /api/connectors',
    api.POST('/api/connectors', {
      body: {
        connectorId: MOCK_EMAIL_CONNECTOR_ID,
        config: {
          apiKey: 'mock-key',
          fromEmail: 'bookstore@example.com',
          templates: templates.map(({ usageType, contentType, subject, content }) => ({
            usageType,
            type: contentType,
            subject,
            content,
          })),
        },
      },
    }),
  );
}
